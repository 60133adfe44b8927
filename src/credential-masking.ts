import { isSecretKey, type SynchronizationSecretKey } from './synchronization-secret.js'

/** A string to mask, with the name a message may use for it (a key, `credentials line 3`): never the value. */
export interface SecretValue {
  name: string
  value: string
}

/**
 * Fewer characters than this and a string is not distinctive: it is likely to occur in unrelated text, which the
 * runner's masker would then hide. A fragment of a secret (one line of a multi-line value, a URL's password in an
 * input the action refuses) shorter than this is not registered on its own; a whole secret value always is.
 */
export const MIN_DISTINCTIVE_CHARS = 8

/** Longer words that occur in logs all the same; a value equal to one of them masks them everywhere. */
const COMMON_WORDS = new Set(['password', 'changeme', 'username', 'undefined', 'localhost', 'administrator'])

/** Whether masking `value` is likely to hide unrelated text: short, only digits, or a common word. */
export function isIndistinct(value: string): boolean {
  const trimmed = value.trim()
  return trimmed.length < MIN_DISTINCTIVE_CHARS || /^\d+$/.test(trimmed) || COMMON_WORDS.has(trimmed.toLowerCase())
}

/** The strings to mask for one credential: a secret key's value whole, a configuration value's credential parts. */
export function credentialSecrets(key: SynchronizationSecretKey, value: string): SecretValue[] {
  const name = `credentials ${key}`
  if (isSecretKey(key)) return [{ name, value }]
  return configurationSecrets(value).map((part) => ({ name, value: part }))
}

/** Query parameters whose value is a credential, however short. */
const TOKEN_LIKE_PARAMETER = /token|key|secret|sig|pass|pwd|code|auth|credential|session/i
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:[/\\]*[^\s"'<>]+/gi
// Slashes after the scheme are optional and may be backslashes, as URL parsers accept them.
export const USER_INFO = /^[a-z][a-z0-9+.-]*:[/\\]*([^/?#\\]*)@/i

/**
 * The parts of a configuration value that can carry a credential, for each URL in it: the password of its user
 * information (the user name is a name), the whole query when it is distinctive, and the value of each query
 * parameter, whatever its length when the parameter's name says it is a token, key, secret, signature, password or
 * code. Each as written and percent-decoded.
 */
export function configurationSecrets(value: string): string[] {
  const parts: string[] = []
  for (const [url] of value.matchAll(URL_IN_TEXT)) {
    const password = urlPassword(url)
    if (password) parts.push(password)
    const query = /\?([^#]*)/.exec(url)?.[1] ?? ''
    if (query.length >= MIN_DISTINCTIVE_CHARS) parts.push(query)
    for (const pair of query.split('&')) {
      const equals = pair.indexOf('=')
      if (equals < 0) continue
      const parameter = pair.slice(equals + 1)
      if (parameter !== '' && (TOKEN_LIKE_PARAMETER.test(pair.slice(0, equals)) || !isIndistinct(parameter)))
        parts.push(parameter)
    }
  }
  return [...new Set(parts.flatMap((part) => [part, percentDecoded(part)]))]
}

/** The password in a URL's user information, parsed or not; '' when there is none. */
export function urlPassword(url: string): string {
  const userInfo = USER_INFO.exec(url)?.[1] ?? ''
  const colon = userInfo.indexOf(':')
  return colon < 0 ? '' : userInfo.slice(colon + 1)
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/**
 * One warning per name whose value is not distinctive: it is still masked (it is the user's secret), and the user
 * should know why unrelated text shows `***`. Names the key, never the value.
 */
export function maskingWarnings(secrets: readonly SecretValue[]): string[] {
  const names = new Set(secrets.filter((s) => s.value.trim() !== '' && isIndistinct(s.value)).map((s) => s.name))
  return [...names].map(
    (name) =>
      `${name}: the value is short or a common word (fewer than ${MIN_DISTINCTIVE_CHARS} characters, only digits, or a word often seen in logs): it is masked all the same, so every occurrence of it in the rest of this job's log shows as ***`
  )
}
