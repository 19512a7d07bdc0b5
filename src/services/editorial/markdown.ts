import { convertMarkdownToLexical, editorConfigFactory } from '@payloadcms/richtext-lexical'
import type { SanitizedConfig } from 'payload'

import { articleEditor } from '@/src/services/editorial/articleEditor'

type Node = { type?: string; fields?: { url?: string }; url?: string; children?: Node[]; [key: string]: unknown }

const SAFE_LINK = /^(https?:|mailto:)/i

/** Links a reader could click must go to the web or to an address, never run code. */
function withoutUnsafeLinks(nodes: Node[]): Node[] {
  return nodes.flatMap((node) => {
    const children = node.children ? withoutUnsafeLinks(node.children) : undefined
    const url = node.fields?.url ?? node.url
    if (
      (node.type === 'link' || node.type === 'autolink') &&
      !(typeof url === 'string' && SAFE_LINK.test(url.trim()))
    ) {
      return children ?? []
    }
    return [children ? { ...node, children } : node]
  })
}

/**
 * A contributor's Markdown as the article editor's rich text, through Payload's own
 * converter. Raw HTML stays text (the converter has no HTML), unsafe links become text.
 */
export async function markdownToArticleBody(config: SanitizedConfig, markdown: string) {
  const editorConfig = await editorConfigFactory.fromEditor({ config, editor: articleEditor })
  const document = convertMarkdownToLexical({ editorConfig, markdown }) as unknown as { root: Node }
  return { ...document, root: { ...document.root, children: withoutUnsafeLinks(document.root.children ?? []) } }
}
