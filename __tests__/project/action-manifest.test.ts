import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { NoOperationTraceWriter } from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/action-parser'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../../sandbox/actions-runner.js'
import { DEFAULTS, parseInputs } from '../../src/inputs.js'
import { run } from '../../src/main.js'
import { fakeClock, recordingRunner, response, scriptedHttp } from '../fakes/fakes.js'

interface Manifest {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

const read = (file: string): string => readFileSync(join(PROJECT_ROOT, file), 'utf8')
const manifest = parse(read('action.yml')) as Manifest

/** The inputs the code reads, found by running the parser with a reader that records. */
function inputsTheCodeReads(): string[] {
  const names = new Set<string>()
  parseInputs((name) => {
    names.add(name)
    return ''
  })
  return [...names].sort()
}

async function outputsTheCodeSets(): Promise<string[]> {
  const runner = recordingRunner({})
  await run({
    runner,
    env: {},
    sendHttp: scriptedHttp(response(500)),
    getEntraToken: async () => 'token',
    prepareEntra: () => undefined,
    jobContext: async () => undefined,
    clock: fakeClock(),
    newClientRequestId: () => 'id',
    userAgent: 'test'
  })
  return Object.keys(runner.outputs).sort()
}

/** Names in the first column of the README table under `heading`. */
function readmeTable(heading: string): string[] {
  const section =
    read('README.md')
      .split(/^## /m)
      .find((s) => s.startsWith(heading)) ?? ''
  return [...section.matchAll(/^\|\s*`([a-z-]+)`\s*\|/gm)].map((m) => m[1]).sort()
}

describe('action.yml', () => {
  it('passes GitHub’s own action parser', () => {
    const result = parseAction({ name: 'action.yml', content: read('action.yml') }, new NoOperationTraceWriter())
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([])
  })

  it('runs the committed bundle on node24', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(read('.node-version').trim()).toBe('24')
  })

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    expect(Object.keys(manifest.inputs).sort()).toEqual(inputsTheCodeReads())
    for (const [name, value] of Object.entries(DEFAULTS)) expect(manifest.inputs[name].default).toBe(value)
    expect(manifest.inputs['tenant-id'].required).toBe(true)
    expect(manifest.inputs['client-id'].required).toBe(true)
  })

  it('declares exactly the outputs the code sets', async () => {
    expect(Object.keys(manifest.outputs).sort()).toEqual(await outputsTheCodeSets())
  })
})

describe('README', () => {
  it('documents every input and output, and nothing else', async () => {
    expect(readmeTable('Inputs')).toEqual(Object.keys(manifest.inputs).sort())
    expect(readmeTable('Outputs')).toEqual(Object.keys(manifest.outputs).sort())
  })

  it('states the Node versions package.json declares, as CONTRIBUTING does', () => {
    // engines: the intersection of what the dependencies declare (@azure/identity >=22, ESLint ^22.13.0 || >=24);
    // checked by running npm ci on Node 22.13.0, which printed no engine warning.
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node
    expect(engines).toBe('^22.13.0 || >=24')
    const stated = 'Node 22 (22.13 or later) or Node 24 or later'
    expect(read('README.md')).toContain(stated)
    expect(read('CONTRIBUTING.md').replace(/\s+/g, ' ')).toContain(stated)
  })

  it('says what timeout-seconds covers in the same words as action.yml', () => {
    const covered = 'GitHub OIDC token service, Entra and Graph'
    expect(manifest.inputs['timeout-seconds'].description).toContain(covered)
    expect(read('README.md')).toMatch(new RegExp(`^\\| \`timeout-seconds\`.*${covered}`, 'm'))
  })

  it('gives the commands that set up and test the project, which .ci/run calls', () => {
    const readme = read('README.md')
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toContain('npm test')
    expect(read('.ci/run')).toMatch(/^npm test( |$)/m)
  })

  it('documents every error code the action can set', () => {
    const troubleshooting = read('docs/troubleshooting.md')
    const codes = [
      'InvalidInput',
      'OidcTokenUnavailable',
      'Timeout',
      'NetworkError',
      'UnexpectedResponse',
      'OutcomeUnknown'
    ]
    for (const code of codes) {
      expect(troubleshooting).toContain(code)
      expect(read('action.yml')).toContain(code)
      expect(read('README.md')).toContain(`\`${code}\``)
    }
  })
})
