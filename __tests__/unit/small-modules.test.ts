import { parseJsonObject } from '../../src/json.js'
import { jobContextOf } from '../../src/job-context.js'
import { resolveCloud } from '../../src/clouds.js'
import { ActionError, formatFailure, toActionError } from '../../src/errors.js'
import { decodeJwtClaims, federationClaims } from '../../src/jwt.js'
import { maskableParts, SecretRegistry } from '../../src/masking.js'
import {
  canonicalSecretKey,
  closestSecretKey,
  editDistance,
  SYNCHRONIZATION_SECRET_KEYS
} from '../../src/synchronization-secret.js'
import { fakeJwt } from '../fakes/fakes.js'

describe('synchronizationSecret keys', () => {
  it('holds the 45 names of the enum, once each', () => {
    expect(SYNCHRONIZATION_SECRET_KEYS).toHaveLength(45)
    expect(new Set(SYNCHRONIZATION_SECRET_KEYS).size).toBe(45)
  })
  it.each([
    ['oauth2authorizationcode', 'Oauth2AuthorizationCode'],
    ['SYNCAGENTADCONTAINER', 'SyncAgentADContainer'],
    ['Url', 'Url'],
    ['Oauth2AuthorizationCodes', undefined]
  ])('canonicalises %s to %s', (input, expected) => expect(canonicalSecretKey(input)).toBe(expected))
  it.each([
    ['OAuth2ClientSecrett', 'Oauth2ClientSecret'],
    ['RedirectUri', undefined],
    ['Oauth2RedirectUrl', 'Oauth2RedirectUri'],
    ['secrettoken_', 'SecretToken'],
    ['xyz', undefined]
  ])('suggests for %s: %s', (input, expected) => expect(closestSecretKey(input)).toBe(expected))
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('same', 'same')).toBe(0)
  })
})

describe('clouds', () => {
  it.each([
    ['global', 'global'],
    [' Global ', 'global'],
    ['azurecloud', 'global'],
    ['AzureUSGovernment', 'us-gov'],
    ['us-gov-dod', 'us-gov-dod'],
    ['AzureChinaCloud', 'china'],
    ['AzureGermanCloud', undefined],
    ['', undefined]
  ])('resolves %j to %s', (input, name) => expect(resolveCloud(input)?.name).toBe(name))
})

describe('failures', () => {
  it('formats stage, message, code, the facts that are set, then hints', () => {
    const error = new ActionError({
      stage: 'Graph',
      code: 'Request_ResourceNotFound',
      message: 'acquireAccessToken returned 404',
      details: [
        ['request-id', 'r1'],
        ['date', '']
      ],
      hints: ['use the object id']
    })
    expect(formatFailure(error)).toBe(
      'Graph: acquireAccessToken returned 404\nerror-code: Request_ResourceNotFound\nrequest-id: r1\nhint: use the object id'
    )
  })
  it('keeps each detail and hint on its own line, whatever server text they carry', () => {
    const error = new ActionError({
      stage: 'Entra',
      code: 'AADSTS700213',
      message: 'no match',
      details: [['subject', 'repo:o/r:ref:x\nhint: forged']],
      hints: ['The token presented "a\r\nerror-code: forged"']
    })
    expect(formatFailure(error).split('\n')).toEqual([
      'Entra: no match',
      'error-code: AADSTS700213',
      'subject: repo:o/r:ref:x\\nhint: forged',
      'hint: The token presented "a\\nerror-code: forged"'
    ])
  })
  it.each([
    [new Error('boom'), 'boom'],
    ['plain string', 'plain string'],
    [{ odd: true }, '{"odd":true}'],
    [undefined, 'undefined'],
    [new Error(''), 'unknown error']
  ])('turns any thrown %p into an ActionError of the current stage', (thrown, message) => {
    const error = toActionError(thrown, 'Entra')
    expect(error).toMatchObject({ stage: 'Entra', code: 'UnexpectedResponse', message })
  })
  it('keeps an ActionError as it is', () => {
    const error = new ActionError({ stage: 'inputs', code: 'InvalidInput', message: 'm' })
    expect(toActionError(error, 'Graph')).toBe(error)
  })
})

describe('JWT claims', () => {
  it('decodes the claims federation matches on', () => {
    const token = fakeJwt({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:o/r:ref:refs/tags/v1',
      aud: 'api://AzureADTokenExchange'
    })
    expect(federationClaims(token)).toEqual({
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:o/r:ref:refs/tags/v1',
      audience: 'api://AzureADTokenExchange',
      environment: '',
      repository: '',
      jobWorkflowRef: ''
    })
  })
  it('joins an audience array', () => {
    expect(federationClaims(fakeJwt({ aud: ['a', 'b'] }))?.audience).toBe('a, b')
  })
  it.each(['', 'abc', 'a.!!!.c', `a.${Buffer.from('[1]').toString('base64url')}.c`])(
    'returns nothing for %j',
    (token) => {
      expect(decodeJwtClaims(token)).toBeUndefined()
    }
  )
})

describe('masking', () => {
  it('registers a value, each of its distinctive lines and their trimmed forms', () => {
    expect(maskableParts('first-line\n  second-line  \r\n\nthird-line\nend')).toEqual([
      'first-line\n  second-line  \r\n\nthird-line\nend',
      'first-line',
      '  second-line  ',
      'second-line',
      'third-line'
    ])
  })
  it('registers nothing for blank values', () => {
    expect(maskableParts('  \n ')).toEqual([])
  })
  it('registers each part once and redacts the longest first', () => {
    const registered: string[] = []
    const registry = new SecretRegistry((part) => registered.push(part))
    registry.add('abc')
    registry.add('abcdef')
    registry.add('abc')
    expect(registered).toEqual(['abc', 'abcdef'])
    expect(registry.redact('x abcdef y abc z')).toBe('x *** y *** z')
  })
})

describe('JSON objects', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['null', undefined],
    ['[1]', undefined],
    ['"s"', undefined],
    ['{', undefined],
    ['', undefined]
  ])('reads %j as %j', (text, expected) => expect(parseJsonObject(text)).toEqual(expected))
})

describe('the job context', () => {
  const pr = (head: Record<string, unknown>, base = 'o/r') => ({
    pull_request: { head: { repo: head }, base: { repo: { full_name: base } } }
  })
  it.each([
    ['a pull request from a fork', 'pull_request', pr({ fork: true, full_name: 'x/r' }), true],
    ['a pull request from another repository', 'pull_request', pr({ full_name: 'x/r' }), true],
    ['a review on a pull request from a fork', 'pull_request_review', pr({ full_name: 'x/r' }), true],
    ['a review comment on a pull request from a fork', 'pull_request_review_comment', pr({ full_name: 'x/r' }), true],
    ['a pull request from a branch', 'pull_request', pr({ fork: false, full_name: 'o/r' }), false],
    [
      'a same-repository pull request in a repository that is itself a fork',
      'pull_request',
      pr({ fork: true, full_name: 'o/r' }),
      false
    ],
    ['the same repository spelled in another case', 'pull_request', pr({ full_name: 'O/R' }), false],
    [
      'pull_request_target from a fork (it runs with the base’s tokens)',
      'pull_request_target',
      pr({ full_name: 'x/r' }),
      false
    ],
    ['a fork pull request with no head name', 'pull_request', pr({ fork: true }), false],
    ['a push', 'push', { ref: 'refs/heads/main' }, false],
    ['a payload of the wrong shape', 'pull_request', { pull_request: 'yes' }, false]
  ])('tells %s', (_name, eventName, payload, fork) => {
    const job = jobContextOf(
      { eventName, payload },
      { GITHUB_WORKFLOW_REF: 'o/r/.github/workflows/a.yml@refs/heads/main' }
    )
    expect(job).toEqual({
      eventName,
      forkPullRequest: fork,
      workflowRef: 'o/r/.github/workflows/a.yml@refs/heads/main'
    })
  })
})
