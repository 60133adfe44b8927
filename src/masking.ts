import { isIndistinct } from './credential-masking.js'
import { escapeHtml, markdownText } from './sanitise.js'

/**
 * The strings to register with the runner's masker for one secret: the value whole (and trimmed), however short,
 * and each line of a multi-line value, since the runner matches log lines one by one and would otherwise show such
 * a value line by line. Trimmed lines too, because a value is often printed without its indentation. A line that
 * is not distinctive (src/credential-masking.ts) is not registered on its own: the runner would hide it in every
 * unrelated line of the job (a `tok` line turns "token" into "***en"), and the action's own scrub still removes
 * the whole value.
 */
export function maskableParts(secret: string): string[] {
  const parts = new Set<string>()
  if (secret.trim() === '') return []
  parts.add(secret)
  parts.add(secret.trim())
  const lines = secret.split(/\r?\n/)
  if (lines.length === 1) return [...parts]
  for (const line of lines) {
    if (isIndistinct(line)) continue
    parts.add(line)
    parts.add(line.trim())
  }
  return [...parts]
}

/**
 * The spellings in which a server may echo `secret` back, besides the value itself:
 * - JSON string content: as JSON.stringify writes it, with `/` written `\/`, and as .NET's System.Text.Json writes
 *   it by default (non-ASCII and `"<>&'+` as \uXXXX), in upper- and lower-case hex;
 * - percent-encoded (encodeURIComponent, either hex case, and form encoding: `+` for space, as URLSearchParams writes it);
 * - HTML/XML character entities;
 * - base64 and base64url of the whole value's UTF-8, with and without padding;
 * and as the job summary shows it (markdownText), since the summary is scrubbed after it is rendered.
 * Not covered: a secret split across lines by a server, or encoded twice.
 */
export function echoedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const percent = encodeURIComponent(secret)
  const base64 = Buffer.from(secret, 'utf8').toString('base64')
  const forms = new Set([
    secret,
    json,
    json.replace(/\//g, '\\/'),
    dotnetJson(secret, 'upper'),
    dotnetJson(secret, 'lower'),
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    percent.replace(/%20/g, '+'),
    new URLSearchParams([['', secret]]).toString().slice(1),
    escapeHtml(secret),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url'),
    markdownText(secret, Number.POSITIVE_INFINITY)
  ])
  return [...forms].filter((form) => form !== '')
}

const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f'
}

function dotnetJson(secret: string, hexCase: 'upper' | 'lower'): string {
  return secret.replace(/[^ !#-%(-*,-;=?-[\]-_a-~]/g, (character) => {
    const short = JSON_SHORT_ESCAPES[character]
    if (short) return short
    const hex = character.charCodeAt(0).toString(16).padStart(4, '0')
    return `\\u${hexCase === 'upper' ? hex.toUpperCase() : hex}`
  })
}

/** Characters that continue a token: a short secret next to one of them is part of another word or id, not an echo. */
const TOKEN_CHARACTER = 'A-Za-z0-9_-'

/**
 * Remembers every secret registered with the runner, so text that does not pass through the runner's log masker
 * (outputs, the job summary) and echoes the masker does not know (JSON-escaped, URL-encoded, base64) can be scrubbed.
 * A distinctive secret is removed wherever it appears, in every echoed form. A short or common one (see
 * isIndistinct) is removed only where it stands alone, as itself or JSON-escaped: as a substring or encoded it is
 * everywhere (a secret `1` is in every GUID, its base64 `MQ` in ordinary words), and scrubbing it there would corrupt
 * ids, dates and JSON the action reads and reports, while the runner still masks it in the log as it does any secret.
 */
export class SecretRegistry {
  private readonly parts = new Set<string>()
  private readonly forms = new Set<string>()
  private readonly shortForms = new Set<string>()
  private longestFirst: string[] | undefined
  private standalone: RegExp | undefined

  constructor(private readonly register: (part: string) => void) {}

  add(secret: string): void {
    for (const part of maskableParts(secret)) {
      if (this.parts.has(part)) continue
      this.parts.add(part)
      this.register(part)
      if (isIndistinct(part)) {
        for (const form of [part, JSON.stringify(part).slice(1, -1), markdownText(part, Number.POSITIVE_INFINITY)])
          if (form.trim() !== '') this.shortForms.add(form)
      } else {
        for (const form of echoedForms(part)) this.forms.add(form)
      }
      this.longestFirst = undefined
      this.standalone = undefined
    }
  }

  /**
   * `text` with every known secret, in every echoed form, replaced by `***`; longest first, so no fragment of a
   * longer one survives; short secrets only where they stand alone.
   */
  redact(text: string): string {
    this.longestFirst ??= [...this.forms].sort((a, b) => b.length - a.length)
    const scrubbed = this.longestFirst.reduce(
      (result, form) => (result.includes(form) ? result.split(form).join('***') : result),
      text
    )
    if (this.shortForms.size === 0) return scrubbed
    this.standalone ??= new RegExp(
      `(?<![${TOKEN_CHARACTER}])(?:${[...this.shortForms]
        .sort((a, b) => b.length - a.length)
        .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|')})(?![${TOKEN_CHARACTER}])`,
      'g'
    )
    return scrubbed.replace(this.standalone, '***')
  }

  /**
   * A server's body with every known secret removed, still parsable as what it was: JSON is scrubbed value by value
   * (strings, and numbers that spell a secret, which become "***") and written again, so a short secret such as
   * `true` or `1` can never replace its syntax; anything else is scrubbed as text. A body with nothing to remove is
   * returned as it came. Property names are kept: readers look fields up by them (a secret `e` would turn `value`
   * into `valu***`), and no name reaches the log, an output or the summary except the action's own, after the
   * guard (src/guarded-runner.ts) has scrubbed that text as a whole.
   */
  redactBody(body: string): string {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return this.redact(body)
    }
    let changed = false
    const scrub = (value: unknown): unknown => {
      if (typeof value === 'string' || typeof value === 'number') {
        const text = String(value)
        const redacted = this.redact(text)
        if (redacted === text) return value
        changed = true
        return redacted
      }
      if (Array.isArray(value)) return value.map(scrub)
      if (typeof value === 'object' && value !== null)
        return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, scrub(item)]))
      return value
    }
    let scrubbed: unknown
    try {
      scrubbed = scrub(parsed)
    } catch {
      // Nested deeper than the stack allows: no reader walks such a body either, so it is scrubbed as text.
      return this.redact(body)
    }
    // Unchanged values may still sit beside a secret the parse dropped (a duplicated property): then the body is
    // written again from what was read.
    return changed || this.redact(body) !== body ? JSON.stringify(scrubbed) : body
  }
}
