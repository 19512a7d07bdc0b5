import type { BodySection } from './parseSeedPage'

/**
 * Builds the Lexical JSON Payload's rich-text field stores, from the seed page's sections.
 * Only the node shapes the article editor knows are produced: paragraph, heading and the
 * pullQuote block.
 */

const textNode = (text: string) => ({ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 })

const elementBase = { direction: 'ltr' as const, format: '' as const, indent: 0, version: 1 }

function sectionNode(section: BodySection, index: number) {
  switch (section.kind) {
    case 'heading':
      return { ...elementBase, type: 'heading', tag: 'h2', children: [textNode(section.text)] }
    case 'pullQuote':
      return {
        type: 'block',
        version: 2,
        format: '',
        fields: {
          id: `seed-pull-quote-${index}`,
          blockName: '',
          blockType: 'pullQuote',
          quote: section.quote,
          attribution: section.attribution ?? '',
        },
      }
    case 'paragraph':
      return { ...elementBase, type: 'paragraph', textFormat: 0, textStyle: '', children: [textNode(section.text)] }
  }
}

export function lexicalDocument(sections: BodySection[]) {
  return { root: { ...elementBase, type: 'root', children: sections.map(sectionNode) } }
}
