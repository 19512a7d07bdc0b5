import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'
import type { Block } from 'payload'

/** A quotation set apart from the text, with who said it. */
export const PullQuote: Block = {
  slug: 'pullQuote',
  interfaceName: 'PullQuoteBlock',
  labels: { singular: 'Pull quote', plural: 'Pull quotes' },
  fields: [
    { name: 'quote', type: 'textarea', required: true, maxLength: 600 },
    {
      name: 'attribution',
      type: 'text',
      maxLength: 120,
      admin: { description: 'Who said it, e.g. "George MacDonald".' },
    },
  ],
}

/** The article body editor: Payload's defaults (headings, lists, links, quotes) plus pull quotes. */
export const articleEditor = lexicalEditor({
  features: ({ defaultFeatures }) => [...defaultFeatures, BlocksFeature({ blocks: [PullQuote] })],
})

type LexicalNode = { type?: string; text?: string; children?: LexicalNode[]; fields?: Record<string, unknown> }

/** The readable words of a Lexical document, pull quotes included, for reading time and excerpts. */
export function plainTextOf(document: unknown): string {
  const parts: string[] = []
  const visit = (node: LexicalNode | undefined) => {
    if (!node) return
    if (typeof node.text === 'string') parts.push(node.text)
    if (node.type === 'block' && typeof node.fields?.quote === 'string') parts.push(node.fields.quote)
    node.children?.forEach(visit)
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'block') parts.push('\n')
  }
  visit((document as { root?: LexicalNode } | null)?.root)
  return parts
    .join(' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim()
}
