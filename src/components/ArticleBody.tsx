import { RichText, type JSXConvertersFunction } from '@payloadcms/richtext-lexical/react'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import type { PullQuoteBlock } from '../payload-types'

const converters: JSXConvertersFunction = ({ defaultConverters }) => ({
  ...defaultConverters,
  blocks: {
    pullQuote: ({ node }: { node: { fields: PullQuoteBlock } }) => (
      <figure className="pull-quote">
        <blockquote>
          <p>“{node.fields.quote}”</p>
        </blockquote>
        {node.fields.attribution && <figcaption>— {node.fields.attribution}</figcaption>}
      </figure>
    ),
  },
})

/** Renders the stored rich text as HTML; Payload's converter escapes text and links. */
export function ArticleBody({ body }: { body: unknown }) {
  if (!body) return null
  return <RichText className="article-body" data={body as SerializedEditorState} converters={converters} />
}
