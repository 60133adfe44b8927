import { credentialSecrets, type SecretValue } from './credential-masking.js'
import { canonicalSecretKey, closestSecretKey, type SynchronizationSecretKey } from './synchronization-secret.js'

/** One entry of the `credentials` collection Graph receives. */
export interface Credential {
  key: SynchronizationSecretKey
  value: string
}

export interface ParsedCredentials {
  credentials: Credential[]
  /** One sentence per problem, never quoting a value. Empty when the input is valid. */
  problems: string[]
  /**
   * What to mask, found even in entries that were rejected: a secret key's value, a configuration value's credential
   * parts (src/synchronization-secret.ts VALUE_CLASSES), and anything that may be a secret typed in the wrong place.
   */
  secrets: SecretValue[]
}

/**
 * Parses the `credentials` input: `Key=Value` lines (split at the first `=`, both sides trimmed, blank and `#`
 * lines ignored) or a JSON array of `{"key","value"}` objects. Keys are matched case-insensitively and returned
 * with the enum's spelling. Never throws: problems are collected so all of them can be reported at once.
 */
export function parseCredentials(text: string): ParsedCredentials {
  const trimmed = text.trim()
  if (trimmed === '') return { credentials: [], problems: [], secrets: [] }
  const raw = trimmed.startsWith('[') ? parseJsonEntries(trimmed) : parseLineEntries(text)
  const problems = [...raw.problems]
  const credentials: Credential[] = []
  const secrets = [...raw.secrets]
  const seen = new Map<SynchronizationSecretKey, string>()
  for (const entry of raw.entries) {
    const key = canonicalSecretKey(entry.key)
    // The key decides whether its value is a secret, also for a refused repeat; a value under an unknown key may be one.
    secrets.push(
      ...(key ? credentialSecrets(key, entry.value) : [{ name: `credentials ${entry.where}`, value: entry.value }])
    )
    if (!key) {
      if (!unknownKeyShown(entry.key)) secrets.push({ name: `credentials ${entry.where}`, value: entry.key })
      problems.push(`${entry.where}: ${describeUnknownKey(entry.key)}`)
      continue
    }
    const earlier = seen.get(key)
    if (earlier) {
      problems.push(`${entry.where}: the key ${key} is already given at ${earlier}; each key may appear once`)
      continue
    }
    seen.set(key, entry.where)
    credentials.push({ key, value: entry.value })
  }
  return { credentials, problems: inInputOrder(problems), secrets: secrets.filter((s) => s.value.trim() !== '') }
}

interface RawEntry {
  key: string
  value: string
  /** "line 3" or "entry 2", for messages. */
  where: string
}

interface RawParse {
  entries: RawEntry[]
  problems: string[]
  /** Strings outside any accepted entry that may be secret: a bare line, broken JSON, a rejected entry. */
  secrets: SecretValue[]
}

function parseLineEntries(text: string): RawParse {
  const result: RawParse = { entries: [], problems: [], secrets: [] }
  text.split(/\r?\n/).forEach((line, index) => {
    const where = `line ${index + 1}`
    const content = line.trim()
    if (content === '' || content.startsWith('#')) return
    const equals = content.indexOf('=')
    if (equals < 0) {
      // A line without '=' may be a bare secret pasted on its own: mask it and never echo it.
      result.secrets.push({ name: `credentials ${where}`, value: content })
      result.problems.push(`${where}: expected Key=Value, found no '='`)
      return
    }
    const key = content.slice(0, equals).trim()
    const value = content.slice(equals + 1).trim()
    if (key === '') {
      result.secrets.push({ name: `credentials ${where}`, value })
      result.problems.push(`${where}: the key before '=' is empty`)
      return
    }
    result.entries.push({ key, value, where })
  })
  return result
}

function parseJsonEntries(text: string): RawParse {
  const result: RawParse = { entries: [], problems: [], secrets: [] }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    // JSON.parse quotes the input in its message: report only where it broke, and mask all of it (its distinctive
    // lines with the runner, as for any multi-line secret).
    result.secrets.push({ name: 'credentials', value: text })
    const position = /position (\d+)/.exec(String(error))?.[1]
    result.problems.push(`not valid JSON${position ? ` (syntax error at character ${position})` : ''}`)
    return result
  }
  if (!Array.isArray(parsed)) {
    result.problems.push('a JSON value must be an array of {"key": "...", "value": "..."} objects')
    return result
  }
  parsed.forEach((item: unknown, index) => {
    const where = `entry ${index + 1}`
    const rejected = (value: unknown): void =>
      collectStrings(value, (text) => result.secrets.push({ name: `credentials ${where}`, value: text }))
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      rejected(item)
      result.problems.push(`${where}: must be an object {"key": "...", "value": "..."}`)
      return
    }
    const fields = new Map(Object.entries(item).map(([name, value]) => [name.toLowerCase(), value]))
    const extra = [...fields.keys()].filter((name) => name !== 'key' && name !== 'value')
    const key = fields.get('key')
    const value = fields.get('value')
    const entryProblems: string[] = []
    if (extra.length > 0) entryProblems.push(`has unexpected properties (${extra.map(printable).join(', ')})`)
    if (typeof key !== 'string' || key.trim() === '') entryProblems.push('needs "key", a non-empty string')
    if (typeof value !== 'string') entryProblems.push('needs "value", a string (quote numbers and booleans)')
    if (entryProblems.length > 0) {
      // A key that names a synchronizationSecret is a name, not a secret: masking it would hide "Password" or "Url"
      // in every later line of the job, and the value under it is classified by it, as in an accepted entry.
      // Anything else in a rejected entry, a value typed into "key" included, is masked.
      const known = typeof key === 'string' ? canonicalSecretKey(key.trim()) : undefined
      for (const [name, field] of fields) {
        if (name === 'key' && known) continue
        if (name === 'value' && known)
          collectStrings(field, (text) => result.secrets.push(...credentialSecrets(known, text)))
        else rejected(field)
      }
      result.problems.push(`${where}: ${entryProblems.join('; ')}`)
      return
    }
    result.entries.push({ key: (key as string).trim(), value: value as string, where })
  })
  return result
}

/** Problems sorted by the line or entry they name, so the message reads top to bottom. */
function inInputOrder(problems: string[]): string[] {
  const position = (problem: string): number => Number(/^(?:line|entry) (\d+)/.exec(problem)?.[1] ?? 0)
  return [...problems].sort((a, b) => position(a) - position(b))
}

function collectStrings(value: unknown, into: (text: string) => void): void {
  if (typeof value === 'string') into(value)
  else if (typeof value === 'number' || typeof value === 'boolean') into(String(value))
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, into))
  else if (typeof value === 'object' && value !== null) collectStrings(Object.values(value), into)
}

/** Names that look like identifiers are safe to quote; anything else might be a value typed in the wrong place. */
function printable(name: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(name) ? name : '(not shown)'
}

/**
 * An unknown key is quoted only when it is a misspelling of a real name: anything else may be a secret pasted where
 * a key goes (a base64 token's `==` padding makes it look like Key=Value), so it is masked and not shown.
 */
function unknownKeyShown(key: string): boolean {
  return printable(key) !== '(not shown)' && closestSecretKey(key) !== undefined
}

function describeUnknownKey(key: string): string {
  if (!unknownKeyShown(key)) {
    return 'the key is not a synchronizationSecret name (not shown: it is not close to one; see the README for the allowed keys)'
  }
  return `unknown key ${printable(key)}: not a synchronizationSecret name; did you mean ${closestSecretKey(key)}?`
}
