import { sampleJob } from '../../sandbox/directory.js'
import { TransportError } from '../../src/transport-error.js'
import { fakeClock, response, scriptedHttp } from '../fakes/fakes.js'
import {
  describeJob,
  jobRows,
  jobsOutput,
  jobsOutputShortfall,
  jobsUrl,
  listingNote,
  MAX_JOBS,
  MAX_MESSAGE,
  parseJobs,
  quarantinedJobs,
  quarantineWarning,
  readJobs,
  type JobsListing
} from '../../src/jobs.js'

const listing = (value: unknown, extra: Record<string, unknown> = {}): JobsListing => {
  const parsed = parseJobs(JSON.stringify({ value, ...extra }))
  if ('problem' in parsed) throw new Error(parsed.problem)
  return parsed
}
const keep = (text: string): string => text

const quarantined = sampleJob('Quarantine', '2026-11-22T09:40:00Z', {
  reason: 'EncounteredQuarantineException',
  error: {
    code: 'HybridSynchronizationActiveDirectoryInternalError',
    message: 'Credentials rejected',
    tenantActionable: true
  }
})

describe('provisioning jobs', () => {
  it('reads the documented shape: id, template, status, quarantine, last runs, troubleshooting URL', () => {
    const [job] = listing([quarantined]).jobs
    expect(job).toEqual({
      id: quarantined.id,
      templateId: 'contosoapp',
      status: 'Quarantine',
      quarantine: {
        reason: 'EncounteredQuarantineException',
        currentBegan: '2026-11-22T09:40:00Z',
        seriesBegan: '2026-11-22T09:40:00Z',
        seriesCount: 1,
        nextAttempt: '2026-11-22T21:40:00Z',
        error: {
          code: 'HybridSynchronizationActiveDirectoryInternalError',
          message: 'Credentials rejected',
          tenantActionable: true
        }
      },
      lastExecution: {
        state: 'Failed',
        timeBegan: '2026-11-22T09:40:00.0000000Z',
        timeEnded: '2026-11-22T09:40:42.1234567Z',
        error: expect.objectContaining({ code: 'HybridSynchronizationActiveDirectoryInternalError' })
      },
      lastSuccessfulExecution: expect.objectContaining({ state: 'Succeeded' }),
      troubleshootingUrl:
        'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status'
    })
  })

  it('builds the list URL for both kinds and versions', () => {
    const config = { graphEndpoint: 'https://graph.microsoft.us', apiVersion: 'beta' as const }
    expect(jobsUrl({ ...config, target: { kind: 'applications', id: 'abc' } })).toBe(
      'https://graph.microsoft.us/beta/applications/abc/synchronization/jobs'
    )
  })

  it.each([
    ['not JSON', '<html>Gateway</html>', /not a JSON object/],
    ['JSON without value', '{"error":{}}', /no "value" array/],
    ['value not an array', '{"value":{"id":"x"}}', /no "value" array/],
    ['a JSON array', '[]', /not a JSON object/]
  ])('refuses a body that is %s', (_name, body, problem) => {
    expect(parseJobs(body)).toEqual({ problem: expect.stringMatching(problem) })
  })

  it('turns every field that does not look like what Graph documents into null', () => {
    const [job] = listing([
      {
        id: 'job\n::error::forged',
        templateId: 42,
        status: {
          code: '<img src=x>',
          quarantine: { reason: 'a b', currentBegan: 'yesterday', seriesCount: -1, error: 'text' },
          lastExecution: { state: ['Failed'], timeEnded: '2026-11-22T09:40:42Z' },
          troubleshootingUrl: 'https://user:pw@evil.example/'
        }
      }
    ]).jobs
    expect(job).toEqual({
      id: null,
      templateId: null,
      status: null,
      quarantine: {
        reason: null,
        currentBegan: null,
        seriesBegan: null,
        seriesCount: null,
        nextAttempt: null,
        error: null
      },
      lastExecution: { state: null, timeBegan: null, timeEnded: '2026-11-22T09:40:42Z', error: null },
      lastSuccessfulExecution: null,
      troubleshootingUrl: null
    })
  })

  it.each([['javascript:alert(1)'], ['http://learn.microsoft.com/x'], ['not a url']])(
    'drops a troubleshooting URL that is not plain https (%s)',
    (url) => {
      expect(listing([{ id: 'a', status: { troubleshootingUrl: url } }]).jobs[0].troubleshootingUrl).toBeNull()
    }
  )

  it('keeps a message on one line, without control or bidi characters, and bounded', () => {
    const message = `line one\r\n::warning::two\u202e\u0007 ${'x'.repeat(2000)}`
    const [job] = listing([{ id: 'a', status: { quarantine: { error: { message } } } }]).jobs
    const kept = job.quarantine?.error?.message ?? ''
    expect(kept).toMatch(/^line one ::warning::two x+…$/)
    expect(kept).toHaveLength(MAX_MESSAGE)
  })

  it('keeps at most MAX_JOBS jobs, skips items that are not objects, and says so', () => {
    const many = listing([null, 'x', ...Array.from({ length: MAX_JOBS + 5 }, (_, i) => ({ id: `job${i}` }))], {
      '@odata.nextLink': 'https://graph.microsoft.com/next'
    })
    expect(many.jobs).toHaveLength(MAX_JOBS)
    expect(many.omitted).toBe(7)
    expect(many.omittedQuarantined).toBe(0)
    expect(many.morePages).toBe(true)
    expect(listingNote(many)).toBe(
      `7 more jobs not shown (the action keeps ${MAX_JOBS}, quarantined first), 0 of them quarantined; Graph has more pages, not read`
    )
    expect(listingNote(listing([]))).toBeUndefined()
  })

  it('keeps quarantined jobs first and counts the quarantined among those it leaves out', () => {
    const active = Array.from({ length: MAX_JOBS }, (_, i) => ({ id: `active${i}`, status: { code: 'Active' } }))
    const stuck = Array.from({ length: MAX_JOBS + 3 }, (_, i) => ({ id: `stuck${i}`, status: { code: 'Quarantine' } }))
    const late = listing([...active, stuck[0], stuck[1]])
    expect(late.jobs.map((job) => job.id).slice(0, 3)).toEqual(['stuck0', 'stuck1', 'active0'])
    expect(late).toMatchObject({ omitted: 2, omittedQuarantined: 0 })
    const flood = listing([...active, ...stuck])
    expect(flood.jobs.every((job) => job.status === 'Quarantine')).toBe(true)
    expect(flood).toMatchObject({ omitted: MAX_JOBS + 3, omittedQuarantined: 3 })
    expect(listingNote(flood)).toBe(
      `${MAX_JOBS + 3} more jobs not shown (the action keeps ${MAX_JOBS}, quarantined first), 3 of them quarantined`
    )
  })

  it('finds the quarantined jobs and warns with reason, since, error and next attempt', () => {
    const jobs = listing([sampleJob('Active'), quarantined])
    expect(quarantinedJobs(jobs).map((job) => job.id)).toEqual([quarantined.id])
    expect(quarantineWarning(quarantinedJobs(jobs)[0])).toBe(
      `Provisioning job ${quarantined.id} is in quarantine: reason EncounteredQuarantineException, since ` +
        '2026-11-22T09:40:00Z, error HybridSynchronizationActiveDirectoryInternalError: Credentials rejected ' +
        '(tenant-actionable), next attempt 2026-11-22T21:40:00Z. See ' +
        'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status'
    )
  })

  it('describes a job on one line and as summary cells', () => {
    const jobs = listing([sampleJob('Active')])
    expect(describeJob(jobs.jobs[0])).toBe(
      `${sampleJob('Active').id} (template contosoapp): Active; last run Succeeded at 2026-11-22T09:40:42.1234567Z`
    )
    expect(jobRows(jobs)).toEqual([
      [sampleJob('Active').id, 'contosoapp', 'Active', 'Succeeded at 2026-11-22T09:40:42.1234567Z', '—']
    ])
  })

  it('names a missing or unreadable template the same way in the log and in the summary', () => {
    const jobs = listing([{ id: 'a', templateId: 'not a template!', status: { code: 'Active' } }])
    expect(describeJob(jobs.jobs[0])).toBe('a (template unknown): Active')
    expect(jobRows(jobs)[0][1]).toBe('unknown')
  })

  it('writes the output as JSON that parses, scrubbing each string and dropping whole jobs to fit', () => {
    const jobs = listing([quarantined, sampleJob('Active'), sampleJob('Paused')])
    const scrubbed = jobsOutput(jobs, (text) => text.replace(/Credentials rejected/g, '***'))
    expect(JSON.parse(scrubbed)[0].quarantine.error.message).toBe('***')
    const trueIsSecret = jobsOutput(jobs, (text) => text.replace(/true/g, '***'))
    expect(JSON.parse(trueIsSecret)[0].quarantine.error.tenantActionable).toBe(true)
    const small = jobsOutput(jobs, keep, 1200)
    expect(small.length).toBeLessThanOrEqual(1200)
    expect(JSON.parse(small).length).toBeLessThan(3)
    expect(jobsOutputShortfall(jobs, small, 1200)).toBe(
      `The jobs output holds the first ${JSON.parse(small).length} of the 3 jobs shown (quarantined first): it is limited to 1200 characters; the job summary lists all 3.`
    )
    expect(jobsOutputShortfall(jobs, jobsOutput(jobs, keep))).toBeUndefined()
    expect(jobsOutput(listing([]), keep)).toBe('[]')
  })

  it('reads with retries like the real call, and says what came back when it is not a listing', async () => {
    const request = {
      method: 'GET',
      url: 'https://graph.microsoft.com/v1.0/x/synchronization/jobs',
      headers: {},
      timeoutMs: 1000
    }
    const clock = fakeClock()
    const retried = await readJobs(
      scriptedHttp(response(503), response(200, { value: [sampleJob('Paused')] })),
      request,
      3,
      clock,
      () => undefined
    )
    expect(retried.ok && retried.listing.jobs.map((job) => job.status)).toEqual(['Paused'])
    expect(clock.slept).toHaveLength(1)
    const refused = await readJobs(
      scriptedHttp(
        response(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } })
      ),
      request,
      3,
      clock,
      () => undefined
    )
    expect(refused).toMatchObject({
      ok: false,
      problem: 'HTTP 403 Authorization_RequestDenied: Insufficient privileges'
    })
    const lost = await readJobs(
      scriptedHttp(new TransportError('timeout', 'no response within 1 s')),
      request,
      1,
      clock,
      () => undefined
    )
    expect(lost).toMatchObject({ ok: false, response: undefined, problem: 'no response: no response within 1 s' })
    const cut = await readJobs(
      scriptedHttp({ ...response(200, { value: [] }), body: '{"value":[{"id":"a"', truncatedAt: 1024 * 1024 }),
      request,
      1,
      clock,
      () => undefined
    )
    expect(cut).toMatchObject({
      ok: false,
      problem: 'HTTP 200, but the answer was larger than 1 MiB and was cut, so it was not read'
    })
  })
})
