import fc from 'fast-check'
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
const secretArbitrary = fc
  .string({ unit: 'grapheme', minLength: 6, maxLength: 40 })
  .filter((s) => !s.includes('*') && s.trim().length >= 6)

describe('echoedForms', () => {
  it('covers a connection string echoed JSON-escaped (issue 9, case 3)', () => {
    const secret = 'ConnectionString=Server=tcp:db\\prod;Password="p@ss/w0rd"'
    expect(echoedForms(secret)).toContain('ConnectionString=Server=tcp:db\\\\prod;Password=\\"p@ss/w0rd\\"')
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
    registry.add('a/b c')
    expect(registered).toEqual(['a/b c'])
    expect(registry.redact('x=a%2Fb%20c y=YS9iIGM=')).toBe('x=*** y=***')
  })

  it('scrubs every line of a multi-line secret in its JSON echo', () => {
    const registry = new SecretRegistry(() => undefined)
    registry.add('line-one-secret\nline-two-secret')
    expect(registry.redact('{"message":"line-one-secret\\nline-two-secret"}')).toBe('{"message":"***"}')
  })
})
