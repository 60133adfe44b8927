import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../../sandbox/actions-runner.js'

/** The refusals of `release.ts verify` that come before any clone or build (the build itself runs in .ci/run). */
describe('scripts/release.ts verify', () => {
  const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const verify = (...args: string[]) =>
    promisify(execFile)(process.execPath, [tsx, join(PROJECT_ROOT, 'scripts', 'release.ts'), 'verify', ...args], {
      cwd: PROJECT_ROOT
    }).catch((error: { code: number; stderr: string }) => error)

  it('says how to get a release tag it does not know', async () => {
    expect(await verify('v999.0.0')).toMatchObject({
      code: 1,
      stderr: 'release: no commit or tag "v999.0.0" here; for a release, first: git fetch --tags\n'
    })
  })

  it('checks attestations only for a release tag', async () => {
    expect(await verify('HEAD', '--repo', 'contoso/entra-provisioning-action')).toMatchObject({
      code: 1,
      stderr: 'release: --repo checks a release tag like v1.2.3, not "HEAD"\n'
    })
  })
})
