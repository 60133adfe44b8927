import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { PROJECT_ROOT } from '../../sandbox/actions-runner.js'

interface Step {
  uses?: string
  run?: string
  with?: Record<string, string>
}
interface Job {
  permissions?: Record<string, string>
  steps?: Step[]
}

const workflowDir = join(PROJECT_ROOT, '.github', 'workflows')
const workflows = readdirSync(workflowDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((file) => ({ file, text: readFileSync(join(workflowDir, file), 'utf8') }))

describe('the workflows', () => {
  it('pin every action to a full commit SHA with its version as a comment', () => {
    const uses = workflows.flatMap(({ file, text }) =>
      [...text.matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)].map((m) => ({ file, ref: m[1], comment: m[2] }))
    )
    expect(uses.length).toBeGreaterThan(8)
    const unpinned = uses.filter(
      (u) => u.ref !== './' && !(/@[0-9a-f]{40}$/.test(u.ref) && /^ # v\d+\.\d+\.\d+$/.test(u.comment))
    )
    expect(unpinned).toEqual([])
  })

  describe('Release', () => {
    const release = parse(workflows.find((w) => w.file === 'release.yml')?.text ?? '') as {
      permissions: Record<string, string>
      jobs: Record<string, Job>
    }
    const jobs = Object.values(release.jobs)
    const writers = jobs.filter((job) => job.permissions?.contents === 'write')

    it('gives a write token to one job, which runs no npm code', () => {
      expect(release.permissions).toEqual({ contents: 'read' })
      expect(writers).toHaveLength(1)
      for (const step of writers[0].steps ?? []) expect(step.run ?? '').not.toMatch(/\b(npm|npx|node|tsx)\b/)
    })

    it('attests the provenance of dist/ with the permissions attestations need', () => {
      const attest = writers[0].steps?.find((s) => s.uses?.startsWith('actions/attest-build-provenance@'))
      expect(attest?.with).toEqual({ 'subject-path': 'dist/*' })
      expect(writers[0].permissions).toMatchObject({ 'id-token': 'write', attestations: 'write' })
    })

    it('publishes a draft first, then the release, with dist/ as assets', () => {
      const publish = writers[0].steps?.map((s) => s.run ?? '').join('\n') ?? ''
      expect(publish).toMatch(/gh release create "\$TAG" --draft .* dist\/\*/)
      expect(publish).toContain('gh release edit "$TAG" --draft=false')
    })

    it('checks the tag and dist/ before anything is published', () => {
      const checker = jobs.find((job) => job !== writers[0])
      expect(checker?.steps?.map((s) => s.run ?? '').join('\n')).toContain(
        'scripts/release.ts check "$GITHUB_REF_NAME"'
      )
      expect(release.jobs.publish).toMatchObject({ needs: 'check' })
    })
  })
})
