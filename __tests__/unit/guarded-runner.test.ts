import fc from 'fast-check'
import { guardRunner } from '../../src/guarded-runner.js'
import { SecretRegistry } from '../../src/masking.js'
import { MAX_LOG_MESSAGE_CHARS, MAX_OUTPUT_CHARS, MAX_SUMMARY_BYTES } from '../../src/sanitise.js'
import { replayLog } from '../../sandbox/workflow-commands.js'
import { recordingRunner } from '../fakes/fakes.js'

/** @actions/core's escaping of command data: the runner reads each of these as one line. */
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** stdout as @actions/core writes it for what the fake runner recorded: info raw, commands escaped. */
function stdoutOf(printed: string[]): string {
  return printed
    .map((line) => {
      // As @actions/core writes them: the message's data and the title's property value escaped.
      const titled = /^::error title=([\s\S]*?)::([\s\S]*)$/.exec(line)
      if (titled) return `::error title=${escapeProperty(titled[1])}::${escapeData(titled[2])}\n`
      const command = /^::(debug|warning|error|add-mask)::([\s\S]*)$/.exec(line)
      return command ? `::${command[1]}::${escapeData(command[2])}\n` : `${line}\n`
    })
    .join('')
}

const hostile = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\n', '\r', '\r\n', ' ', '::error title=Forged::x', '::stop-commands::t', '##[error]y', '::')
    ),
    { maxLength: 20 }
  )
  .map((parts) => parts.join(''))

function guarded() {
  const runner = recordingRunner({})
  const secrets = new SecretRegistry((part) => runner.setSecret(part))
  return { runner, secrets, guard: guardRunner(runner, secrets) }
}

describe('the runner emulation the tests read logs with', () => {
  it('finds commands where the runner does: after leading spaces, after a lone CR, legacy ##[ anywhere', () => {
    const log = replayLog('text\r::error::after CR\n  ::warning::indented\nsee ##[error]legacy\n')
    expect(log.commands.map((c) => [c.name, c.message])).toEqual([
      ['error', 'after CR'],
      ['warning', 'indented'],
      ['error', 'legacy']
    ])
  })
})

describe('the guarded runner', () => {
  it('for any server text in any message, the runner sees only the commands the action wrote', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const { runner, guard } = guarded()
        guard.info(`Graph said: ${text}`)
        guard.info(text)
        guard.debug(text)
        guard.warning(text)
        guard.setFailed(text, `Graph: ${text}`)
        const log = replayLog(stdoutOf(runner.printed))
        expect(log.commands.map((c) => c.name)).toEqual(['debug', 'warning', 'error'])
        for (const line of log.lines) expect(line).not.toMatch(/^\s*::(?!debug::|warning::|error::|error title=)|##\[/)
      })
    )
  })

  it('keeps the lines of a message, neutralising forged commands, a lone CR included', () => {
    const { runner, guard } = guarded()
    guard.info('subject "repo:x"\r::error title=Deploy::failed\n::add-mask::x')
    expect(runner.printed).toEqual(['subject "repo:x"\n\\::error title=Deploy::failed\n\\::add-mask::x'])
  })

  it('scrubs every registered secret, in any echoed form, from the log, outputs and summary', () => {
    const { runner, guard } = guarded()
    const secret = 'Server=tcp:db\\prod;Password="p@ss"'
    guard.setSecret(secret)
    const echoed = JSON.stringify(secret).slice(1, -1)
    guard.info(`Graph said: ${echoed}`)
    guard.setOutput('error-message', `Graph: ${echoed} / ${encodeURIComponent(secret)}`)
    guard.setFailed(`Graph: ${Buffer.from(secret).toString('base64')}`, `Graph: ${echoed}`)
    void guard.writeSummary(`| Error | ${echoed} |`)
    const everything = [...runner.printed.slice(1), ...Object.values(runner.outputs), ...runner.summaries].join('\n')
    for (const form of [secret, echoed, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
      expect(everything).not.toContain(form)
    }
    expect(runner.outputs['error-message']).toBe('Graph: *** / ***')
    expect(runner.failedTitle).toBe('Graph: ***')
  })

  it('bounds messages, outputs and the summary whatever their size', () => {
    const { runner, guard } = guarded()
    const huge = 'x'.repeat(900_000)
    guard.info(huge)
    guard.setFailed(huge, huge)
    guard.setOutput('error-message', huge)
    void guard.writeSummary(`${'| row | value |\n'.repeat(80_000)}`)
    expect(runner.printed[0]).toHaveLength(MAX_LOG_MESSAGE_CHARS)
    expect(runner.failed).toHaveLength(MAX_LOG_MESSAGE_CHARS)
    expect(runner.failedTitle!.length).toBeLessThanOrEqual(200)
    expect(runner.outputs['error-message']).toHaveLength(MAX_OUTPUT_CHARS)
    expect(Buffer.byteLength(runner.summaries[0])).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
  })

  it('cuts after scrubbing, so a cut never leaves the start of a secret', () => {
    const { runner, guard } = guarded()
    const secret = 'S'.repeat(30) + '-secret-tail'
    guard.setSecret(secret)
    guard.info(`${'x'.repeat(MAX_LOG_MESSAGE_CHARS - 60)}${secret}`)
    expect(runner.printed.at(-1)).not.toContain('SSSSSSSSSS')
  })

  it('keeps a JSON output valid JSON when a secret is a JSON word such as true, scrubbing only its strings', () => {
    const { runner, guard } = guarded()
    guard.setSecret('true')
    guard.setSecret('code-123')
    guard.setOutput('jobs', JSON.stringify([{ message: 'rejected code-123 (true)', tenantActionable: true }]))
    expect(JSON.parse(runner.outputs.jobs)).toEqual([{ message: 'rejected *** (***)', tenantActionable: true }])
    guard.setOutput('error-message', 'Graph: true')
    expect(runner.outputs['error-message']).toBe('Graph: ***')
  })
})

describe('the action’s own outputs', () => {
  it('writes its own count, status, UUID and URL as they are, even when a short secret occurs in them', () => {
    const { runner, secrets, guard } = guarded()
    secrets.add('1')
    secrets.add('e')
    const own = {
      attempts: '1',
      status: '401',
      'client-request-id': 'e1e1e1e1-2222-4333-8444-555555555555',
      endpoint: 'https://graph.microsoft.com/v1.0/servicePrincipals/e1/synchronization/acquireAccessToken'
    }
    for (const [name, value] of Object.entries(own)) guard.setOutput(name, value)
    expect(runner.outputs).toEqual(own)
  })

  it.each([
    ['attempts', 'e'],
    ['status', 'e 1'],
    ['client-request-id', 'not a uuid: e'],
    ['endpoint', 'https://user:e@graph.test/x'],
    ['request-id', 'request e'],
    ['request-id', 'e1e1e1e1-2222-4333-8444-555555555555 s3cr3t-value']
  ])('scrubs %s when it is not in the action’s own shape, or not the action’s own', (name, value) => {
    const { runner, secrets, guard } = guarded()
    secrets.add('e')
    secrets.add('s3cr3t-value')
    guard.setOutput(name, value)
    expect(runner.outputs[name]).not.toMatch(/(?<![A-Za-z0-9_-])e(?![A-Za-z0-9_-])|s3cr3t-value/)
  })
})
