import { CATALOGUE, DOC_CONTEXT, type CatalogueEntry } from './catalogue.js'

export const START_MARKER =
  '<!-- catalogue:start — generated from src/catalogue.ts by `npm run docs:troubleshooting`; edit the catalogue, not this -->'
export const END_MARKER = '<!-- catalogue:end -->'

const STAGE_TITLES: ReadonlyArray<readonly [CatalogueEntry['stage'], string]> = [
  ['inputs', 'inputs'],
  ['GitHub OIDC', 'GitHub OIDC'],
  ['Entra', 'Entra'],
  ['Graph', 'Graph'],
  ['warning', 'Warnings (the run goes on)']
]

/**
 * The catalogue as Markdown: per stage, one section per entry under its id's anchor, with the cause and the fixes
 * exactly as the action prints them (run-time values shown as <placeholders>).
 */
export function renderCatalogue(): string {
  const sections: string[] = []
  for (const [stage, title] of STAGE_TITLES) {
    sections.push(`## ${title}`)
    for (const entry of CATALOGUE.filter((e) => e.stage === stage)) {
      const fixes = entry.fixes(DOC_CONTEXT).map((fix, index) => `${index + 1}. ${text(fix)}`)
      sections.push(
        [
          `<a id="${entry.id}"></a>`,
          '',
          `### ${text(entry.title)}`,
          '',
          `- **Identified by:** ${text(entry.identifiedBy)}`,
          `- **Told apart by:** ${text(entry.distinguishedBy)}`,
          `- **Cause** (printed as the first hint): ${text(entry.cause)}`,
          '',
          'Fix, least privilege first (printed as the next hints):',
          '',
          ...fixes
        ].join('\n')
      )
    }
  }
  return sections.join('\n\n')
}

/** `document` with the text between the catalogue markers replaced by a fresh rendering. */
export function withCatalogue(document: string): string {
  const start = document.indexOf(START_MARKER)
  const end = document.indexOf(END_MARKER)
  if (start < 0 || end < start) throw new Error('docs/troubleshooting.md has no catalogue markers')
  return `${document.slice(0, start + START_MARKER.length)}\n\n${renderCatalogue()}\n\n${document.slice(end)}`
}

/**
 * Markdown would read `<client-id>` as an HTML tag: escape it so the placeholder shows, but only outside code spans,
 * where GitHub shows `&lt;` literally and `<` needs no escape. A command at the end of a hint ("…: az …") goes in a
 * code span of its own.
 */
function text(value: string): string {
  const command = /^([\s\S]*?: )(az [\s\S]*)$/.exec(value)
  return command ? `${escapeOutsideCode(command[1])}\`${command[2]}\`` : escapeOutsideCode(value)
}

export function escapeOutsideCode(markdown: string): string {
  return markdown
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/</g, '&lt;')))
    .join('')
}
