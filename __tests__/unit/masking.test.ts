import fc from 'fast-check'
import { isIndistinct } from '../../src/credential-masking.js'
import { echoedForms, SecretRegistry } from '../../src/masking.js'

/** The encodings a server may echo a secret in, as the server would write them. */
const ECHOES: Record<string, (secret: string) => string> = {
  raw: (s) => s,
  'JSON string': (s) => JSON.stringify(s).slice(1, -1),
  'JSON with escaped slashes': (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/'),
  'System.Text.Json default': (s) =>
    s.replace(
      /[^ !#-%(-*,-;=?-[\]-_a-~]/g,
      (c) =>
        ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c] ??
        `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
    ),
  'percent-encoded': (s) => encodeURIComponent(s),
  'percent-encoded, lower-case hex': (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  'form-encoded': (s) => new URLSearchParams({ v: s }).toString().slice(2),
  'HTML entities': (s) =>
    s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c),
  base64: (s) => Buffer.from(s).toString('base64'),
  'base64 without padding': (s) => Buffer.from(s).toString('base64').replace(/=+$/, ''),
  base64url: (s) => Buffer.from(s).toString('base64url')
}

/** Secrets as users hold them: no `*`, which is what redaction writes, and not blank. */
/** Distinctive secrets: the ones scrubbed wherever they appear, in every echoed form. */
const secretArbitrary = fc
  .string({ unit: 'grapheme', minLength: 8, maxLength: 40 })
  .filter((s) => !s.includes('*') && !isIndistinct(s))

describe('echoedForms', () => {
  it('covers a connection string echoed JSON-escaped (issue 9, case 3)', () => {
    const secret = 'ConnectionString=Server=tcp:db\\prod;Password="p@ss/w0rd"'
    expect(echoedForms(secret)).toContain('ConnectionString=Server=tcp:db\\\\prod;Password=\\"p@ss/w0rd\\"')
  })
})

describe('SecretRegistry.redactBody', () => {
  const jobs = JSON.stringify({
    value: [
      {
        id: 'job-1',
        status: {
          code: 'Active',
          error: { message: 'SecretToken x7Qp2zR9 was refused', tenantActionable: true, count: 1 }
        }
      }
    ]
  })

  it('keeps JSON parsable when a secret is a JSON word or a digit, and scrubs where each one stands alone', () => {
    const registry = new SecretRegistry(() => undefined)
    for (const secret of ['true', '1', 'e', 'x7Qp2zR9']) registry.add(secret)
    const scrubbed = JSON.parse(registry.redactBody(jobs)) as {
      value: Array<{ id: string; status: Record<string, unknown> }>
    }
    expect(scrubbed.value[0].id).toBe('job-1')
    expect(scrubbed.value[0].status).toEqual({
      code: 'Active',
      error: { message: 'SecretToken *** was refused', tenantActionable: true, count: '***' }
    })
  })

  it('returns a body with nothing to remove as it came', () => {
    const registry = new SecretRegistry(() => undefined)
    registry.add('absent-secret')
    const spaced = JSON.stringify(JSON.parse(jobs), null, 2)
    expect(registry.redactBody(spaced)).toBe(spaced)
  })

  it('scrubs a secret beside a duplicated property, which the parse drops', () => {
    const registry = new SecretRegistry(() => undefined)
    registry.add('pw-secret-77')
    expect(registry.redactBody('{"a":"pw-secret-77","a":"kept"}')).toBe('{"a":"kept"}')
  })

  it('scrubs JSON nested deeper than the stack allows as text', () => {
    const registry = new SecretRegistry(() => undefined)
    registry.add('pw-secret-77')
    const depth = 200_000
    const body = `${'['.repeat(depth)}"pw-secret-77"${']'.repeat(depth)}`
    expect(registry.redactBody(body)).toBe(`${'['.repeat(depth)}"***"${']'.repeat(depth)}`)
  })

  it('scrubs text that is not JSON as text', () => {
    const registry = new SecretRegistry(() => undefined)
    registry.add('pw-secret-77')
    expect(registry.redactBody('<p>pw-secret-77</p>')).toBe('<p>***</p>')
  })

  it('for any secret echoed in any encoding inside any JSON, the result parses and holds no echo', () => {
    fc.assert(
      fc.property(
        secretArbitrary,
        fc.constantFrom(...Object.keys(ECHOES)),
        fc.jsonValue(),
        (secret, encoding, around) => {
          const registry = new SecretRegistry(() => undefined)
          registry.add(secret)
          const echo = ECHOES[encoding](secret)
          const body = JSON.stringify({ around, message: `x ${echo} y`, list: [echo, around] })
          const scrubbed = registry.redactBody(body)
          expect(() => JSON.parse(scrubbed) as unknown).not.toThrow()
          for (const form of [secret, echo, ...Object.values(ECHOES).map((spell) => spell(secret))])
            expect(scrubbed).not.toContain(form)
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('SecretRegistry.redact', () => {
  it('for any secret and any echo of it, in any text, neither the secret nor the echo remains', () => {
    fc.assert(
      fc.property(
        secretArbitrary,
        fc.constantFrom(...Object.keys(ECHOES)),
        fc.string(),
        fc.string(),
        (secret, encoding, before, after) => {
          const registry = new SecretRegistry(() => undefined)
          registry.add(secret)
          const echo = ECHOES[encoding](secret)
          const redacted = registry.redact(`${before}${echo}${after}`)
          expect(redacted).not.toContain(secret)
          expect(redacted).not.toContain(echo)
        }
      ),
      { numRuns: 500 }
    )
  })

  it('registers only the value and its lines with the runner, not the encodings', () => {
    const registered: string[] = []
    const registry = new SecretRegistry((part) => registered.push(part))
    registry.add('a/b c-secret')
    expect(registered).toEqual(['a/b c-secret'])
    expect(registry.redact(`x=a%2Fb%20c-secret y=${Buffer.from('a/b c-secret').toString('base64')}`)).toBe(
      'x=*** y=***'
    )
  })

  it.each([
    ['a short value, whole', 'e', ['e']],
    ['a value and its trimmed form', ' pad-secret-1 ', [' pad-secret-1 ', 'pad-secret-1']],
    [
      'a multi-line value: whole, and each distinctive line, not the short ones',
      'tok\n::error::injected\n  indented-line-2',
      ['tok\n::error::injected\n  indented-line-2', '::error::injected', '  indented-line-2', 'indented-line-2']
    ],
    ['a blank value, nothing', '  \n ', []]
  ])('registers with the runner %s', (_name, secret, expected) => {
    const registered: string[] = []
    new SecretRegistry((part) => registered.push(part)).add(secret)
    expect(registered).toEqual(expected)
  })

  it('does not scrub a short line of a multi-line secret on its own, but the whole value wherever it appears', () => {
    const registry = new SecretRegistry(() => undefined)
    registry.add('tok\n::error::injected')
    expect(registry.redact('Requesting the GitHub OIDC token')).toBe('Requesting the GitHub OIDC token')
    expect(registry.redact('echo: tok\n::error::injected.')).toBe('echo: ***.')
  })

  it('scrubs every line of a multi-line secret in its JSON echo', () => {
    const registry = new SecretRegistry(() => undefined)
    registry.add('line-one-secret\nline-two-secret')
    expect(registry.redact('{"message":"line-one-secret\\nline-two-secret"}')).toBe('{"message":"***"}')
  })
})

describe('SecretRegistry, short or common secrets', () => {
  const GUID = '6c5b4a39-2817-4f6e-8d5c-4b3a29180f7e'

  it.each(['1', 'x', 'e', 'true', '2817', 'password'])(
    'scrubs %p where it stands alone, never inside ids, words or dates',
    (secret) => {
      const registry = new SecretRegistry(() => undefined)
      registry.add(secret)
      const text = `oid ${GUID}, at 2026-11-23T00:10:08Z, acquireAccessToken Sandbox valuex`
      expect(registry.redact(text)).toBe(text)
      expect(registry.redact(`the value "${secret}" was refused; ${secret}.`)).toBe('the value "***" was refused; ***.')
    }
  )

  it('leaves the ids of a Graph answer intact, so what the action compares and reports is what Graph sent', () => {
    const registry = new SecretRegistry(() => undefined)
    for (const secret of ['1', 'x', 'true']) registry.add(secret)
    const body = JSON.stringify({ value: [{ id: GUID, tenantActionable: true, count: 1 }], message: 'secret x' })
    const scrubbed = JSON.parse(registry.redactBody(body)) as Record<string, unknown>
    expect(scrubbed).toEqual({ value: [{ id: GUID, tenantActionable: true, count: '***' }], message: 'secret ***' })
  })

  it('does not scrub the encodings of a short secret, which are as common as the secret (base64 of x is eA)', () => {
    const registry = new SecretRegistry(() => undefined)
    registry.add('x')
    expect(registry.redact('acquireAccessToken eA')).toBe('acquireAccessToken eA')
  })
})
