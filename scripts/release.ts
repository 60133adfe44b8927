import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PROJECT_ROOT } from '../sandbox/actions-runner.js'

/**
 * The release process, in one place:
 *   npx tsx scripts/release.ts check v1.2.3 [--notes FILE]   tag matches package.json, changelog has the version,
 *                                                            dist/ equals a fresh build; writes the release notes
 *   npx tsx scripts/release.ts tag                           runs check for package.json's version, then creates
 *                                                            the annotated tag vX.Y.Z (push it to publish)
 * The Release workflow runs `check` on the pushed tag, publishes the notes and moves the major tag (v1).
 */
const { positionals, values } = parseArgs({ allowPositionals: true, options: { notes: { type: 'string' } } })
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

if (command === 'check') {
  check(tagArgument ?? fail('usage: release.ts check vX.Y.Z [--notes FILE]'))
} else if (command === 'tag') {
  if (git('status', '--porcelain')) fail('the work tree has uncommitted changes')
  const tag = `v${version}`
  const notes = check(tag)
  git('tag', '-a', tag, '-m', `${tag}\n\n${notes}`)
  console.log(`release: tagged ${tag}. Publish with: git push origin ${tag}`)
} else {
  fail('usage: release.ts check vX.Y.Z [--notes FILE] | release.ts tag')
}
