import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../../sandbox/actions-runner.js'

/**
 * The run by hand that docs/how-to.md and .env.example describe, command for command:
 *   npm run sandbox -- --write-env .env.sandbox        (here: tsx sandbox/serve.ts, which the script runs)
 *   env $(cat .env.sandbox) node dist/index.js
 */
describe('running the action by hand against the sandbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'entra-action-by-hand-'))
  const envFile = join(dir, '.env.sandbox')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('authorizes provisioning with the inputs --write-env wrote', async () => {
    const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
    const server = spawn(process.execPath, [tsx, join(PROJECT_ROOT, 'sandbox', 'serve.ts'), '--write-env', envFile], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit']
    })
    try {
      let printed = ''
      await new Promise<void>((resolve, reject) => {
        server.stdout.on('data', (chunk: Buffer) => {
          printed += chunk.toString()
          if (/^ready$/m.test(printed)) resolve()
        })
        server.on('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)))
      })
      expect(printed).toContain(`In another shell: env $(cat ${envFile}) node dist/index.js`)
      expect(readFileSync(envFile, 'utf8')).toMatch(/^INPUT_GRAPH-ENDPOINT=https:\/\/127\.0\.0\.1:\d+$/m)

      // A shell of the reader's, with `node` on PATH and none of the runner's files: outputs go to stdout.
      const { stdout } = await promisify(execFile)('bash', ['-c', 'env $(cat "$1") node dist/index.js', '_', envFile], {
        cwd: PROJECT_ROOT,
        env: { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, HOME: dir }
      })
      expect(stdout).toContain('::set-output name=status::204')
      expect(stdout).toContain('Graph answered 204: provisioning is authorized')
    } finally {
      server.kill('SIGTERM')
    }
  })
})
