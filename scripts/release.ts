import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PROJECT_ROOT } from '../sandbox/actions-runner.js'

/**
 * The release process, in one place:
 *   npx tsx scripts/release.ts check v1.2.3 [--notes FILE]   tag matches package.json, changelog has the version,
 *                                                            dist/ equals a fresh build; writes the release notes
 *   npx tsx scripts/release.ts tag                           runs check for package.json's version, then creates
 *                                                            the annotated tag vX.Y.Z (push it to publish)
 *   npx tsx scripts/release.ts verify REF [--repo OWNER/NAME] builds REF (a tag or commit) in a fresh clone and
 *                                                            compares with its committed dist/ byte for byte; with
 *                                                            --repo, also checks each dist/ file's provenance
 *                                                            attestation with `gh attestation verify`
 * The Release workflow runs `check` on the pushed tag, attests dist/, publishes the release with dist/ as its assets
 * and moves the major tag (v1). .ci/run runs `verify HEAD`. docs/releasing.md explains all of it.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { notes: { type: 'string' }, repo: { type: 'string' } }
})
const [command, tagArgument] = positionals
const git = (...args: string[]): string => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim()
const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version

function fail(message: string): never {
  console.error(`release: ${message}`)
  process.exit(1)
}

/** The changelog section of `version`, without its heading. */
export function releaseNotes(changelog: string, wanted: string): string | undefined {
  const sections = changelog.split(/^## /m)
  const section = sections.find(
    (s) => s.startsWith(`[${wanted}]`) || s.startsWith(`${wanted} `) || s.startsWith(`v${wanted}`)
  )
  return section?.slice(section.indexOf('\n') + 1).trim()
}

function check(tag: string): string {
  if (!/^v\d+\.\d+\.\d+$/.test(tag)) fail(`"${tag}" is not a semantic version tag like v1.2.3`)
  if (tag !== `v${version}`) fail(`tag ${tag} does not match package.json version ${version}`)
  const notes = releaseNotes(readFileSync(join(PROJECT_ROOT, 'CHANGELOG.md'), 'utf8'), version)
  if (!notes) fail(`CHANGELOG.md has no "## [${version}]" section`)
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' })
  if (git('status', '--porcelain', '--', 'dist'))
    fail('dist/ differs from a fresh build of src/: run npm run build and commit it')
  if (values.notes) writeFileSync(values.notes, `${notes}\n`)
  console.log(`release: ${tag} is ready (notes: ${notes.split('\n').length} lines)`)
  return notes
}

/** The workflow that attests dist/: `gh attestation verify --signer-workflow` pins the attestation to it. */
const RELEASE_WORKFLOW = '.github/workflows/release.yml'

function verify(ref: string, repo: string | undefined): void {
  if (repo !== undefined && !/^v\d+\.\d+\.\d+$/.test(ref)) fail(`--repo checks a release tag like v1.2.3, not "${ref}"`)
  let commit: string
  try {
    commit = git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`)
  } catch {
    fail(`no commit or tag "${ref}" here; for a release, first: git fetch --tags`)
  }
  const clone = mkdtempSync(join(tmpdir(), 'entra-action-verify-'))
  let problem: string | undefined
  try {
    problem = buildAndCompare(clone, ref, commit)
    if (!problem && repo !== undefined) attestations(clone, ref, commit, repo)
  } catch (error) {
    const missingGh = (error as { code?: string; path?: string }).code === 'ENOENT'
    problem = missingGh
      ? 'checking attestations needs the GitHub CLI (gh) on PATH: https://cli.github.com'
      : error instanceof Error
        ? error.message
        : String(error)
  } finally {
    rmSync(clone, { recursive: true, force: true })
  }
  if (problem) fail(problem)
}

/** Builds `commit` in a fresh clone at `clone`; a problem, or undefined when dist/ came out identical. */
function buildAndCompare(clone: string, ref: string, commit: string): string | undefined {
  const inClone = (file: string, args: string[]): string =>
    execFileSync(file, args, { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim()
  execFileSync('git', ['clone', '--quiet', '--no-checkout', PROJECT_ROOT, clone], { stdio: 'inherit' })
  inClone('git', ['checkout', '--quiet', '--detach', commit])
  inClone('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'])
  inClone('npm', ['run', '--silent', 'build'])
  const changed = inClone('git', ['status', '--porcelain', '--', 'dist'])
  if (changed) return `a fresh build of ${ref} differs from the dist/ committed there:\n${changed}`
  console.log(`release: dist/ at ${ref} (${commit.slice(0, 12)}) is byte for byte what npm ci && npm run build make`)
  return undefined
}

/** Checks every dist/ file against its provenance attestation with the GitHub CLI (throws when one fails). */
function attestations(clone: string, tag: string, commit: string, repo: string): void {
  for (const file of readdirSync(join(clone, 'dist')).sort()) {
    const args = ['attestation', 'verify', join(clone, 'dist', file), '--repo', repo]
    args.push('--signer-workflow', `${repo}/${RELEASE_WORKFLOW}`, '--source-ref', `refs/tags/${tag}`)
    args.push('--source-digest', commit)
    execFileSync('gh', args, { stdio: 'inherit' })
  }
  console.log(`release: every dist/ file of ${tag} carries a provenance attestation from ${repo}'s release workflow`)
}

if (command === 'check') {
  check(tagArgument ?? fail('usage: release.ts check vX.Y.Z [--notes FILE]'))
} else if (command === 'tag') {
  if (git('status', '--porcelain')) fail('the work tree has uncommitted changes')
  const tag = `v${version}`
  const notes = check(tag)
  git('tag', '-a', tag, '-m', `${tag}\n\n${notes}`)
  console.log(`release: tagged ${tag}. Publish with: git push origin ${tag}`)
} else if (command === 'verify') {
  verify(tagArgument ?? fail('usage: release.ts verify REF [--repo OWNER/NAME]'), values.repo)
} else {
  fail('usage: release.ts check vX.Y.Z [--notes FILE] | release.ts tag | release.ts verify REF [--repo OWNER/NAME]')
}
