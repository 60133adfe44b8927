import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT, runStep } from '../../sandbox/actions-runner.js'
import { useSandbox } from './harness.js'

const sandbox = useSandbox()

/** A checkout of dist/ without the chunks that contain `marker` (a name only that package's code has). */
function distWithout(marker: string): { entry: string; removed: string[]; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'entra-action-without-'))
  cpSync(join(PROJECT_ROOT, 'dist'), join(root, 'dist'), { recursive: true })
  const removed = readdirSync(join(root, 'dist')).filter(
    (file) =>
      file !== 'index.js' && file.endsWith('.js') && readFileSync(join(root, 'dist', file), 'utf8').includes(marker)
  )
  for (const file of removed) rmSync(join(root, 'dist', file))
  return {
    entry: join(root, 'dist', 'index.js'),
    removed,
    dispose: () => rmSync(root, { recursive: true, force: true })
  }
}

describe('the bundle', () => {
  it('keeps @azure/identity in a chunk of its own, loaded only after the inputs are valid', async () => {
    const dist = distWithout('ClientAssertionCredential')
    try {
      expect(dist.removed.length).toBeGreaterThan(0)
      const bad = await runStep({
        entry: dist.entry,
        inputs: { ...sandbox().inputs(), cloud: 'mars' },
        env: sandbox().runnerEnv()
      })
      expect(bad.outputs['error-code']).toBe('InvalidInput')
      // The same checkout cannot get past the inputs: the removed chunk really is what the Entra step loads.
      const good = await runStep({ entry: dist.entry, inputs: sandbox().inputs(), env: sandbox().runnerEnv() })
      expect(good.exitCode).toBe(1)
      expect(good.outputs['error-code']).not.toBe('InvalidInput')
    } finally {
      dist.dispose()
    }
  })

  it('keeps @actions/github in a chunk the success path never loads', async () => {
    const dist = distWithout('octokit')
    try {
      expect(dist.removed.length).toBeGreaterThan(0)
      expect(readFileSync(dist.entry, 'utf8')).not.toMatch(/octokit/i)
      const good = await runStep({ entry: dist.entry, inputs: sandbox().inputs(), env: sandbox().runnerEnv() })
      expect(good.outputs).toMatchObject({ status: '204', 'error-code': '' })
    } finally {
      dist.dispose()
    }
  })

  it('carries no browser-launch code: no xdg-open, and the open package is a stub that refuses', () => {
    const files = readdirSync(join(PROJECT_ROOT, 'dist'))
    expect(files).not.toContain('xdg-open')
    const text = files
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(PROJECT_ROOT, 'dist', f), 'utf8'))
      .join('\n')
    expect(text).not.toMatch(/xdg-open|powershell\.exe|open -a/)
    expect(text).toContain('Opening a browser is not supported')
  })

  it('imports nothing that is not bundled (it runs from a checkout with no node_modules)', () => {
    const files = readdirSync(join(PROJECT_ROOT, 'dist')).filter((f) => f.endsWith('.js'))
    const text = files.map((f) => readFileSync(join(PROJECT_ROOT, 'dist', f), 'utf8')).join('\n')
    const specifiers = [...text.matchAll(/\bfrom\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2])
    expect(specifiers.length).toBeGreaterThan(0)
    const builtin = (name: string): boolean => name.startsWith('node:') || builtinModules.includes(name)
    const relative = (name: string): boolean => name.startsWith('./')
    expect(specifiers.filter((name) => !builtin(name) && !relative(name))).toEqual([])
  })

  it('ships a licence notice for what it bundles', () => {
    const notice = readFileSync(join(PROJECT_ROOT, 'dist', 'licenses.txt'), 'utf8')
    for (const name of ['@actions/core', '@actions/http-client', '@azure/identity', '@azure/msal-node', 'tunnel']) {
      expect(notice).toMatch(new RegExp(`^${name.replace('/', '\\/')} \\d+\\.\\d+\\.\\d+ — \\S+$`, 'm'))
    }
    expect(notice).not.toContain('UNKNOWN')
  })
})
