import fc from 'fast-check'
import { parseCredentials } from '../../src/credentials.js'
import { SYNCHRONIZATION_SECRET_KEYS } from '../../src/synchronization-secret.js'

/** The values a parse asks to mask. */
const masked = (text: string): string[] => parseCredentials(text).secrets.map((s) => s.value)

describe('parseCredentials, Key=Value lines', () => {
  it.each([
    ['one pair', 'Oauth2ClientId=abc', [{ key: 'Oauth2ClientId', value: 'abc' }]],
    [
      'keys in any casing, sent with the enum spelling',
      'oauth2clientid=abc\nOAUTH2REDIRECTURI=https://x',
      [
        { key: 'Oauth2ClientId', value: 'abc' },
        { key: 'Oauth2RedirectUri', value: 'https://x' }
      ]
    ],
    ['split at the first =, so values keep theirs', 'SecretToken=a=b==', [{ key: 'SecretToken', value: 'a=b==' }]],
    [
      'key and value trimmed',
      '  BaseAddress  =   https://api.example.com/scim  ',
      [{ key: 'BaseAddress', value: 'https://api.example.com/scim' }]
    ],
    [
      'blank and # lines ignored',
      '\n# the code from the consent page\n\nOauth2AuthorizationCode=xyz\n   \n',
      [{ key: 'Oauth2AuthorizationCode', value: 'xyz' }]
    ],
    [
      'CRLF line ends',
      'UserName=u\r\nPassword=p\r\n',
      [
        { key: 'UserName', value: 'u' },
        { key: 'Password', value: 'p' }
      ]
    ],
    ['an empty value is allowed', 'Domain=', [{ key: 'Domain', value: '' }]],
    ['empty input is an empty collection', '   \n ', []]
  ])('%s', (_name, text, expected) => {
    const parsed = parseCredentials(text)
    expect(parsed.problems).toEqual([])
    expect(parsed.credentials).toEqual(expected)
  })

  it('names an unknown key and suggests the closest valid one', () => {
    const parsed = parseCredentials('Oauth2ClientSecrt=s3cr3t')
    expect(parsed.problems).toEqual([
      'line 1: unknown key Oauth2ClientSecrt: not a synchronizationSecret name; did you mean Oauth2ClientSecret?'
    ])
    expect(masked('Oauth2ClientSecrt=s3cr3t')).toContain('s3cr3t')
  })

  it('does not quote a key that is not close to a real one, and masks it: it may be a pasted secret', () => {
    const parsed = parseCredentials('Banana=1')
    expect(parsed.problems[0]).toMatch(/not shown: it is not close to one; see the README for the allowed keys/)
    expect(parsed.problems.join()).not.toContain('Banana')
    expect(parsed.secrets.map((s) => s.value)).toContain('Banana')
  })

  it('never quotes a bare base64 secret whose padding looks like Key=Value, and masks it', () => {
    const parsed = parseCredentials('dGhpc2lzYXNlY3JldHRva2Vu==')
    expect(parsed.problems.join()).not.toContain('dGhpc2lzYXNlY3JldHRva2Vu')
    expect(parsed.secrets.map((s) => s.value)).toContain('dGhpc2lzYXNlY3JldHRva2Vu')
  })

  it('rejects duplicate keys, whatever their casing', () => {
    expect(parseCredentials('UserName=a\nusername=b').problems).toEqual([
      'line 2: the key UserName is already given at line 1; each key may appear once'
    ])
  })

  it('never quotes a line without = (it may be a pasted secret) but masks it', () => {
    const parsed = parseCredentials('ghp_pastedSecretValue')
    expect(parsed.problems).toEqual(["line 1: expected Key=Value, found no '='"])
    expect(parsed.problems.join()).not.toContain('ghp_')
    expect(parsed.secrets).toEqual([{ name: 'credentials line 1', value: 'ghp_pastedSecretValue' }])
  })

  it('does not echo a key that does not look like a name', () => {
    const parsed = parseCredentials('not a key/with+stuff=v')
    expect(parsed.problems[0]).toContain('(not shown')
    expect(parsed.problems[0]).not.toContain('stuff')
  })

  it('reports an empty key', () => {
    expect(parseCredentials('=value').problems).toEqual(["line 1: the key before '=' is empty"])
  })

  it('lists problems in line order', () => {
    const problems = parseCredentials('Bogus=1\nno-equals').problems
    expect(problems.map((p) => p.split(':')[0])).toEqual(['line 1', 'line 2'])
  })
})

describe('parseCredentials, JSON array', () => {
  it('reads key/value objects and canonicalises keys', () => {
    const parsed = parseCredentials('[{"key":"oauth2clientsecret","value":"s"},{"key":"SyncAll","value":"true"}]')
    expect(parsed.problems).toEqual([])
    expect(parsed.credentials).toEqual([
      { key: 'Oauth2ClientSecret', value: 's' },
      { key: 'SyncAll', value: 'true' }
    ])
  })

  it('keeps multi-line values whole and offers them for masking', () => {
    const parsed = parseCredentials(JSON.stringify([{ key: 'SecretToken', value: 'line one\nline two' }]))
    expect(parsed.credentials[0].value).toBe('line one\nline two')
    expect(parsed.secrets).toEqual([{ name: 'credentials SecretToken', value: 'line one\nline two' }])
  })

  it.each([
    ['not an array', '[', /not valid JSON/],
    ['an object instead of an array entry', '["x"]', /entry 1: must be an object/],
    ['a number value', '[{"key":"SyncAll","value":true}]', /entry 1: needs "value", a string/],
    ['a missing key', '[{"value":"v"}]', /entry 1: needs "key"/],
    ['an extra property', '[{"key":"Url","value":"v","kind":"x"}]', /entry 1: has unexpected properties \(kind\)/],
    [
      'a duplicate key',
      '[{"key":"Url","value":"a"},{"key":"url","value":"b"}]',
      /entry 2: the key Url is already given at entry 1/
    ],
    [
      'an unknown key',
      '[{"key":"Oauth2RedirectUrl","value":"a"}]',
      /entry 1: unknown key Oauth2RedirectUrl.*did you mean Oauth2RedirectUri\?/
    ]
  ])('rejects %s', (_name, text, problem) => {
    const parsed = parseCredentials(text)
    expect(parsed.problems.join('\n')).toMatch(problem)
  })

  it('never quotes the input when the JSON is broken, and masks every line of it', () => {
    const text = '[{"key":"Password","value":"hunter2-very-secret"}'
    const parsed = parseCredentials(text)
    expect(parsed.problems[0]).toMatch(/^not valid JSON/)
    expect(parsed.problems.join()).not.toContain('hunter2')
    expect(masked(text)).toEqual([text])
  })

  it('masks secret values, never the key names, so "Password" or "Url" stay readable for the rest of the job', () => {
    const text = JSON.stringify([
      { key: 'Password', value: 'pw-value-1' },
      { key: 'url', value: 'https://scim.example.test' }
    ])
    expect(masked(text)).toEqual(['pw-value-1'])
  })

  it('classifies the value of a rejected entry by its key, and masks what has no known key', () => {
    expect(masked('[{"key":"SyncAll","value":true}]')).toEqual([])
    expect(masked('[{"key":"Password","value":1234}]')).toEqual(['1234'])
    expect(masked('[{"key":"Url","value":"https://x.test","kind":"secret-ish-extra"}]')).toEqual(['secret-ish-extra'])
  })

  it('masks a "key" that is not a synchronizationSecret name: it may be a value typed in the wrong place', () => {
    expect(masked('[{"key":"hunter2-in-the-key","value":"v"}]')).toEqual(['v', 'hunter2-in-the-key'])
  })

  it('masks values of rejected entries too; a misspelt key is shown, not masked', () => {
    expect(masked('[{"key":"Nope","value":"v-secret"}]')).toEqual(['v-secret'])
  })
})

describe('parseCredentials, what is masked', () => {
  it.each([
    ['a secret key, however short', 'Password=e', [{ name: 'credentials Password', value: 'e' }]],
    [
      'a secret key as JSON',
      '[{"key":"SecretToken","value":"tok"}]',
      [{ name: 'credentials SecretToken', value: 'tok' }]
    ],
    ['a boolean setting', 'SkipOutOfScopeDeletions=true\nSyncAll=1\nSandbox=e', []],
    ['an organisation name', 'InstanceName=contoso', []],
    ['a plain address', 'BaseAddress=https://api.contoso.test/scim/v2', []],
    [
      "an address's password, not its user name",
      'BaseAddress=https://scim-user:scim-pa55@api.contoso.test/scim',
      [{ name: 'credentials BaseAddress', value: 'scim-pa55' }]
    ],
    [
      'a token in an address, however short, and the whole query',
      'Url=https://api.contoso.test/scim?tenant=acme&token=t0k',
      [
        { name: 'credentials Url', value: 'tenant=acme&token=t0k' },
        { name: 'credentials Url', value: 't0k' }
      ]
    ],
    [
      'an unknown key, and the key too when it is not close to a real one',
      'Colour=blue',
      [
        { name: 'credentials line 1', value: 'blue' },
        { name: 'credentials line 1', value: 'Colour' }
      ]
    ],
    [
      'a duplicated secret key',
      'Password=aaaa1\nPassword=bbbb2',
      [
        { name: 'credentials Password', value: 'aaaa1' },
        { name: 'credentials Password', value: 'bbbb2' }
      ]
    ]
  ])('%s', (_name, text, expected) => {
    expect(parseCredentials(text).secrets).toEqual(expected)
  })
})

describe('parseCredentials, properties', () => {
  const key = fc.constantFrom(...SYNCHRONIZATION_SECRET_KEYS)
  const casing = fc.constantFrom<(s: string) => string>(
    (s) => s,
    (s) => s.toLowerCase(),
    (s) => s.toUpperCase()
  )
  const pairs = fc.uniqueArray(fc.tuple(key, casing), { selector: ([k]) => k, maxLength: 12 })

  it('round-trips any key/value set written as JSON', () => {
    fc.assert(
      fc.property(pairs, fc.array(fc.string({ unit: 'binary' }), { minLength: 12, maxLength: 12 }), (keys, values) => {
        const expected = keys.map(([k], i) => ({ key: k, value: values[i] }))
        const text = JSON.stringify(keys.map(([k, cased], i) => ({ key: cased(k), value: values[i] })))
        const parsed = parseCredentials(text)
        expect(parsed.problems).toEqual([])
        expect(parsed.credentials).toEqual(expected)
      })
    )
  })

  it('round-trips any key/value set written as lines (values without line breaks or edge spaces)', () => {
    const value = fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[\r\n]/g, '').trim())
    fc.assert(
      fc.property(pairs, fc.array(value, { minLength: 12, maxLength: 12 }), (keys, values) => {
        const expected = keys.map(([k], i) => ({ key: k, value: values[i] }))
        const text = keys.map(([k, cased], i) => ` ${cased(k)} = ${values[i]}`).join('\n')
        const parsed = parseCredentials(text)
        expect(parsed.problems).toEqual([])
        expect(parsed.credentials).toEqual(expected)
      })
    )
  })

  it('never throws: any text gives credentials or clear problems', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.json().map((j) => `[${j}]`),
          fc.json()
        ),
        (text) => {
          const parsed = parseCredentials(text)
          for (const problem of parsed.problems)
            expect(problem).toMatch(/^(line \d+|entry \d+|not valid JSON|a JSON value)/)
          if (parsed.problems.length === 0) {
            for (const credential of parsed.credentials) expect(SYNCHRONIZATION_SECRET_KEYS).toContain(credential.key)
          }
        }
      )
    )
  })
})
