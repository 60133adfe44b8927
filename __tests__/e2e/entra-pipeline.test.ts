import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, useSandbox } from './harness.js'

const sandbox = useSandbox()
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'entra-load-probe-'))
  // Preloaded into the action: lists the internal modules Node loaded, when the process exits.
  writeFileSync(
    join(dir, 'probe.mjs'),
    "import { writeFileSync } from 'node:fs'\n" +
      "process.on('exit', () => writeFileSync(process.env.LOAD_PROBE_FILE, JSON.stringify(process.moduleLoadList)))\n"
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// These fail if an @azure/identity update stops passing the credential's `pipeline` option through (its default
// pipeline has both policies), or if the pipeline the action builds gets either policy back.
describe('the pipeline the action hands @azure/identity', () => {
  it('sends Entra no Accept-Encoding: the transport never decompresses, so nothing may ask for gzip', async () => {
    const run = await runAction(sandbox())
    expect(run.exitCode).toBe(0)
    const requests = sandbox().entra.party.requests
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST'])
    expect(requests.map((r) => r.headers['accept-encoding'])).toEqual([undefined, undefined])
  })

  it('never loads Node’s internal fetch stack (undici), which the form-data policy’s `typeof FormData` loads', async () => {
    const loaded = join(dir, 'loaded.json')
    const run = await runAction(
      sandbox(),
      {},
      { NODE_OPTIONS: `--import=${join(dir, 'probe.mjs')}`, LOAD_PROBE_FILE: loaded }
    )
    expect(run.exitCode).toBe(0)
    const modules = JSON.parse(readFileSync(loaded, 'utf8')) as string[]
    expect(modules.length).toBeGreaterThan(50)
    expect(modules.filter((m) => /undici/.test(m))).toEqual([])
  })
})
