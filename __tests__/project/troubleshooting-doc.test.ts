import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as prettier from 'prettier'
import { PROJECT_ROOT } from '../../sandbox/actions-runner.js'
import { CATALOGUE } from '../../src/catalogue.js'
import { withCatalogue } from '../../src/troubleshooting-doc.js'

const path = join(PROJECT_ROOT, 'docs', 'troubleshooting.md')

describe('docs/troubleshooting.md', () => {
  it('is what the catalogue renders (run `npm run docs:troubleshooting` after changing src/catalogue.ts)', async () => {
    const committed = readFileSync(path, 'utf8')
    const options = (await prettier.resolveConfig(path)) ?? {}
    const fresh = await prettier.format(withCatalogue(committed), { ...options, filepath: path })
    expect(committed).toBe(fresh)
  })

  it('has an anchor for every entry the action links to', () => {
    const committed = readFileSync(path, 'utf8')
    for (const entry of CATALOGUE) expect(committed).toContain(`<a id="${entry.id}"></a>`)
  })
})
