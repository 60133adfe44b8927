import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../../sandbox/actions-runner.js'

/**
 * The run by hand that docs/how-to.md and .env.example describe, command for command:
 *   npm run sandbox -- --write-env .env.sandbox        (here: tsx sandbox/serve.ts, which the script runs)
 *   env "$(grep ^NODE_EXTRA_CA_CERTS= .env.sandbox)" node --env-file=.env.sandbox dist/index.js
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
      const command = 'env "$(grep ^NODE_EXTRA_CA_CERTS= FILE)" node --env-file=FILE dist/index.js'
      expect(printed).toContain(`In another shell: ${command.replaceAll('FILE', envFile)}`)
      const written = readFileSync(envFile, 'utf8')
      expect(written).toMatch(/^INPUT_GRAPH-ENDPOINT=https:\/\/127\.0\.0\.1:\d+$/m)
      // Credentials in their usual shape: several Key=Value lines in one quoted value.
      expect(written).toMatch(/^INPUT_CREDENTIALS="Oauth2AuthorizationCode=[^\n"]+\nOauth2RedirectUri=[^\n"]+"$/m)

      // A shell of the reader's, with `node` on PATH and none of the runner's files: outputs go to stdout.
      const script = command.replaceAll('FILE', '"$1"')
      const { stdout } = await promisify(execFile)('bash', ['-c', script, '_', envFile], {
        cwd: PROJECT_ROOT,
        env: { PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, HOME: dir }
      })
      expect(stdout).toContain('::set-output name=status::204')
      expect(stdout).toContain('Graph answered 204: provisioning is authorized')
      expect(stdout).toContain('Credential keys: Oauth2AuthorizationCode, Oauth2RedirectUri')
    } finally {
      server.kill('SIGTERM')
    }
  })
})
