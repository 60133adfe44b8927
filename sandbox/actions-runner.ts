import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { applyMasks, parseOutputFile, replayLog, type ReplayedLog } from './workflow-commands.js'

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export interface StepRun {
  exitCode: number | null
  stdout: string
  stderr: string
  log: ReplayedLog
  outputs: Record<string, string>
  summary: string
  durationMs: number
  /** Date.now() just before the process was spawned, to compare with the sandbox's request times. */
  startedAt: number
}

export interface StepOptions {
  inputs: Record<string, string>
  /** Extra environment (the sandbox's OIDC variables, proxies, RUNNER_DEBUG …). Undefined values are removed. */
  env?: Record<string, string | undefined>
  /** The script the runner starts; the committed bundle, in a checkout of its own, by default. */
  entry?: string
  /** The Node binary; the one running this process by default (Node 24 in CI). */
  node?: string
}

let isolatedEntry: string | undefined

/**
 * dist/index.js copied to a folder with no node_modules above it, as the runner has it after checking out the
 * action: a bundle that still needs an installed package fails here instead of passing by accident.
 */
export function isolatedDist(): string {
  if (!isolatedEntry) {
    const root = mkdtempSync(join(tmpdir(), 'entra-action-checkout-'))
    cpSync(join(PROJECT_ROOT, 'dist'), join(root, 'dist'), { recursive: true })
    cpSync(join(PROJECT_ROOT, 'action.yml'), join(root, 'action.yml'))
    process.on('exit', () => rmSync(root, { recursive: true, force: true }))
    isolatedEntry = join(root, 'dist', 'index.js')
  }
  return isolatedEntry
}

interface ActionManifest {
  inputs?: Record<string, { default?: string }>
}

/** action.yml's input defaults, applied as the runner applies them. */
export function inputDefaults(): Record<string, string> {
  const manifest = parse(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as ActionManifest
  const defaults: Record<string, string> = {}
  for (const [name, spec] of Object.entries(manifest.inputs ?? {})) defaults[name] = spec.default ?? ''
  return defaults
}

/** The environment variable the runner uses for an input: INPUT_ + upper case, spaces as '_', hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Runs the action the way the GitHub runner does: `node dist/index.js` with INPUT_* variables (action.yml defaults
 * applied), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files in RUNNER_TEMP, and nothing inherited but PATH and HOME.
 */
export async function runStep(options: StepOptions): Promise<StepRun> {
  const temp = mkdtempSync(join(tmpdir(), 'entra-action-step-'))
  const files = {
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary'),
    GITHUB_STATE: join(temp, 'state'),
    GITHUB_ENV: join(temp, 'env'),
    GITHUB_PATH: join(temp, 'path')
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'contoso/release-tools',
    GITHUB_WORKFLOW: 'release',
    GITHUB_RUN_ID: '9120456789',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: temp,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    ...files
  }
  for (const [name, value] of Object.entries({ ...inputDefaults(), ...options.inputs }))
    env[inputVariable(name)] = value
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  const startedAt = Date.now()
  const started = performance.now()
  const child = spawn(options.node ?? process.execPath, [options.entry ?? isolatedDist()], {
    env,
    cwd: temp,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exitCode = await new Promise<number | null>((done) => child.on('close', (code) => done(code)))
  const durationMs = performance.now() - started
  const run: StepRun = {
    exitCode,
    stdout,
    stderr,
    log: replayLog(stdout),
    outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    durationMs,
    startedAt
  }
  rmSync(temp, { recursive: true, force: true })
  return run
}

/**
 * The spellings a leak may take besides the secret itself: how a server echoing it would write it. Kept apart from
 * the action's own list (src/masking.ts) so the check does not share its blind spots.
 */
const LEAK_SPELLINGS: ReadonlyArray<readonly [string, (secret: string) => string]> = [
  ['as is', (s) => s],
  ['JSON-escaped', (s) => JSON.stringify(s).slice(1, -1)],
  ['URL-encoded', (s) => encodeURIComponent(s)],
  ['base64', (s) => Buffer.from(s).toString('base64')]
]

/**
 * Where any of `secrets` is visible, as is or echoed JSON-escaped, URL-encoded or in base64: in the masked log
 * (stdout and stderr, both shown by the runner), an output, or the job summary. Returns descriptions that never
 * contain the secret itself.
 */
export function findLeaks(run: StepRun, secrets: readonly string[]): string[] {
  const leaks: string[] = []
  const stderrLog = replayLog(run.stderr)
  const places: Array<[string, string]> = [
    ['log', run.log.lines.join('\n')],
    ['stderr', stderrLog.lines.map((line) => applyMasks(line, run.log.masks)).join('\n')],
    ['summary', run.summary],
    ...Object.entries(run.outputs).map(([name, value]) => [`output ${name}`, value] as [string, string])
  ]
  secrets.forEach((secret, index) => {
    if (secret.trim() === '') return
    for (const [spelling, spell] of LEAK_SPELLINGS) {
      const form = spell(secret)
      for (const [place, text] of places) {
        if (text.includes(form))
          leaks.push(`secret #${index} (${secret.length} chars) is visible ${spelling} in the ${place}`)
      }
    }
  })
  return leaks
}
