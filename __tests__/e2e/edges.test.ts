import fc from 'fast-check'
import { SAMPLE } from '../../sandbox/directory.js'
import { faults } from '../../sandbox/faults.js'
import { MAX_LOG_MESSAGE_CHARS, MAX_OUTPUT_CHARS, MAX_SUMMARY_BYTES } from '../../src/sanitise.js'
import { CREDENTIALS, runAction, useSandbox, type ScenarioRun } from './harness.js'

const sandbox = useSandbox()
const graph = () => sandbox().graph.party
const entra = () => sandbox().entra.party

/** Lines of the summary that Markdown would read as a heading: only the action's own title may be one. */
const headings = (run: ScenarioRun): string[] => run.summary.split(/\r\n|\r|\n/).filter((l) => /^\s*#/.test(l))

describe('hold at the edges: nothing a server or an input sends can fake success, hang, leak or forge', () => {
  // The 60 s cap itself is unit-tested (entra-transport): here the hour would pass the stage deadline, so no wait at all.
  it('1. never waits an Entra Retry-After of an hour past the Entra stage’s deadline, nor promises to', async () => {
    // The OpenID metadata passes; the token request is throttled for an hour.
    entra().faults.push(faults.none(), faults.throttled(3600))
    const run = await runAction(sandbox(), { 'timeout-seconds': '1' })
    expect(run.exitCode).toBe(1)
    expect(run.requests).toMatchObject({ entra: 2, graph: 0 })
    expect(run.log.lines.join('\n')).not.toMatch(/the action waits at most/)
    expect(run.outputs['error-code']).toBe('Timeout')
    expect(run.errors[0]).toMatch(
      /^Entra: could not exchange the GitHub OIDC token for a Microsoft Graph token: Entra answered HTTP 429 asking to wait 3600\.0 s, past the Entra stage's deadline of 6 s/
    )
  })

  it('1b. still honours a short Entra Retry-After, through the rewritten header', async () => {
    entra().faults.push(faults.none(), faults.throttled(1))
    const run = await runAction(sandbox())
    expect(run.exitCode).toBe(0)
    expect(run.requests).toMatchObject({ entra: 3, graph: 1 })
    const [, throttled, retried] = entra().requests
    expect(retried.at - throttled.at).toBeGreaterThanOrEqual(1000)
  })

  it('2. refuses a 200 with an HTML page: a portal or a proxy, not Graph', async () => {
    graph().faults.push(faults.okWithPage())
    const run = await runAction(sandbox())
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ status: '200', 'error-code': 'UnexpectedResponse', attempts: '1' })
    expect(run.errors[0]).toMatch(
      /^Graph: acquireAccessToken answered HTTP 200 with a body \(text\/html; charset=utf-8, \d+ bytes: "Contoso guest Wi-Fi Sign in to continue\."\); Graph documents 204 No Content with no body, so provisioning is not known to be authorized \(no Graph request-id: something else answered\)/
    )
    expect(run.log.lines.join('\n')).not.toMatch(/provisioning is authorized/)
    expect(run.summary).toContain('❌ UnexpectedResponse (HTTP 200)')
  })

  it('3. scrubs a credential that Graph echoes JSON-escaped from outputs, summary and log', async () => {
    const value = 'Server=tcp:db\\prod;Password="Pa55/w0rd-echoed"'
    const jsonEscaped = JSON.stringify(value).slice(1, -1)
    // The message quotes the credential as a JSON fragment, so it stays JSON-escaped once Graph's JSON is read.
    graph().faults.push(
      faults.graphError(400, 'BadRequest', `Invalid credential {"key":"ConnectionString","value":"${jsonEscaped}"}.`)
    )
    const run = await runAction(sandbox(), { credentials: `ConnectionString=${value}` }, {}, [value, jsonEscaped])
    expect(run.outputs['error-code']).toBe('BadRequest')
    expect(run.outputs['error-message']).toContain(
      'returned 400 BadRequest: Invalid credential {"key":"ConnectionString","value":"***"}.'
    )
  })

  it('4. never quotes a URL with a password, even one that does not parse', async () => {
    const run = await runAction(
      sandbox(),
      { 'graph-endpoint': 'https://admin:pw-unparsed-e2e-7f3@graph.microsoft.com:99999' },
      {},
      ['pw-unparsed-e2e-7f3', 'admin:pw']
    )
    expect(run.requests).toEqual({ oidc: 0, entra: 0, graph: 0 })
    expect(run.errors[0]).toContain(
      'graph-endpoint must not contain credentials; got a URL with a user name or password (not shown)'
    )
  })

  it('5. shows JSON credential key names, masking only the secret values', async () => {
    const credentials = JSON.stringify([
      { key: 'Password', value: 'pw-json-value-41d' },
      { key: 'Url', value: 'https://scim.contoso.test/v2' }
    ])
    const run = await runAction(sandbox(), { credentials }, {}, ['pw-json-value-41d'])
    expect(run.exitCode).toBe(0)
    expect(run.log.lines).toContain('Credential keys: Password, Url')
    expect(run.summary).toContain('| Credential keys | Password, Url |')
    expect(run.log.masks).toContain('pw-json-value-41d')
    // Url is configuration (src/synchronization-secret.ts): an address without a password or token is not masked.
    for (const shown of ['Password', 'Url', 'https://scim.contoso.test/v2']) expect(run.log.masks).not.toContain(shown)
  })

  it('6. reports an Entra token request that times out as Timeout at the Entra stage', async () => {
    entra().faults.push(faults.none(), faults.hang(), faults.hang(), faults.hang())
    const run = await runAction(sandbox(), { 'timeout-seconds': '1' })
    expect(run.outputs['error-code']).toBe('Timeout')
    expect(run.errors[0]).toMatch(
      /^Entra: could not exchange the GitHub OIDC token for a Microsoft Graph token: no response from 127\.0\.0\.1:\d+ within 1 s/
    )
    expect(run.errors[0]).not.toMatch(/network_error|DNS/)
    expect(run.errors[0]).toContain('hint: Re-run the job, or raise timeout-seconds')
  })

  it('7. shows Graph’s text in the summary as text: a lone CR ends no cell, no link or image is live', async () => {
    graph().faults.push(
      faults.graphError(
        400,
        'BadRequest',
        'Invalid request.\r### ✅ 204 — Entra provisioning authorized <a href="https://evil.example">details</a> <img src="https://evil.example/t.png"> [retry](https://evil.example)'
      )
    )
    const run = await runAction(sandbox())
    expect(run.exitCode).toBe(1)
    expect(headings(run)).toEqual(['### Entra provisioning: acquireAccessToken'])
    // Tags only as entities, the link's brackets escaped.
    expect(run.summary).not.toMatch(/<(a|img)\b|(?<!\\)\]\(https:\/\/evil/)
    expect(run.summary).toContain('&lt;a href=&quot;https://evil.example&quot;&gt;')
  })

  it('8. bounds a 0.9 MB Graph message in the annotation, the outputs and the summary', async () => {
    graph().faults.push(faults.graphError(400, 'BadRequest', 'x'.repeat(900_000)))
    const run = await runAction(sandbox())
    expect(run.outputs['error-code']).toBe('BadRequest')
    expect(run.errors[0].length).toBeLessThanOrEqual(MAX_LOG_MESSAGE_CHARS)
    expect(run.errors[0]).toMatch(/more characters not shown\]/)
    expect(run.outputs['error-message'].length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS)
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
    expect(run.stdout.length).toBeLessThan(64 * 1024)
  })

  it.each([
    ['a newline', '\n::error title=Forged::provisioning failed'],
    ['a lone CR', '\r::warning::forged warning'],
    ['leading spaces', '\n   ::error::forged'],
    ['a legacy command', ' ##[error]forged legacy'],
    ['stop-commands', '\n::stop-commands::token123\n::error::after stop']
  ])('9. a token claim with %s cannot forge a workflow command in a successful run', async (_name, injected) => {
    const subject = `repo:${SAMPLE.repository}:environment:${SAMPLE.environment}${injected}`
    sandbox().github.settings.subject = subject
    sandbox().directory.apps[0].federatedCredentials[0].subject = subject
    const run = await runAction(sandbox())
    expect(run.exitCode).toBe(0)
    expect(run.log.commands.filter((c) => c.name !== 'debug')).toEqual([])
    expect(run.log.lines.find((l) => l.startsWith('GitHub OIDC token received'))).toContain(
      `subject "repo:${SAMPLE.repository}:environment:${SAMPLE.environment}`
    )
  })

  it('10. reads Graph’s innerError.message when the top-level message is empty', async () => {
    graph().faults.push(
      faults.graphError(400, 'BadRequest', '', {
        innerError: { message: 'The credentials collection is incomplete.', 'request-id': 'r-10' }
      })
    )
    const run = await runAction(sandbox())
    expect(run.errors[0]).toMatch(
      /^Graph: acquireAccessToken returned 400 BadRequest: The credentials collection is incomplete\./
    )
  })
})

describe('the principles, for server text the tests did not think of', () => {
  const echoes: Record<string, (secret: string) => string> = {
    raw: (v) => v,
    'JSON-escaped': (v) => JSON.stringify(v).slice(1, -1),
    'URL-encoded': (v) => encodeURIComponent(v),
    base64: (v) => Buffer.from(v).toString('base64')
  }
  const hostile = fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(
          '\n',
          '\r',
          '\r\n',
          '\u2028',
          '::error::x',
          '  ::warning::y',
          '##[error]z',
          '|',
          '<img src=x>',
          '\u001b[8m'
        )
      ),
      { maxLength: 12 }
    )
    .map((parts) => parts.join(''))

  // A credential with the characters each encoding changes.
  const password = 'Pa55"w0rd\\with/slash+plus&<tag> é'

  it('any Graph message echoing a credential in any encoding: one error, no forged command, no leak', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom(...Object.keys(echoes)), async (text, encoding) => {
        const echo = echoes[encoding](password)
        sandbox().reset()
        graph().faults.push(faults.graphError(400, 'BadRequest', `${text} ${echo} ${text}`))
        // runAction fails the test if the secret or this echo of it is visible anywhere.
        const run = await runAction(sandbox(), { credentials: `${CREDENTIALS}\nPassword=${password}` }, {}, [
          password,
          echo
        ])
        expect(run.exitCode).toBe(1)
        expect(run.log.commands.filter((c) => c.name !== 'debug').map((c) => c.name)).toEqual(['error'])
        expect(headings(run)).toHaveLength(1)
      }),
      { numRuns: 12 }
    )
  })
})
