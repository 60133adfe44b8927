import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../sandbox/actions-runner.js'
import { withCatalogue } from '../src/troubleshooting-doc.js'

/** `npm run docs:troubleshooting`: regenerates the catalogue section of docs/troubleshooting.md. */
const path = join(PROJECT_ROOT, 'docs', 'troubleshooting.md')
writeFileSync(path, withCatalogue(readFileSync(path, 'utf8')))
