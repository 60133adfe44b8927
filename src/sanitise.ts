/**
 * Untrusted text (anything GitHub, Entra, Graph, a proxy or an input sent) made safe for where it goes: a log line,
 * the Markdown job summary, an output. Pure; secrets are removed by SecretRegistry.redact, which must run first so
 * a cut never leaves the start of a secret behind.
 */

/** A piece of server text quoted inside one of the action's own log lines. */
export const MAX_LOG_FRAGMENT_CHARS = 1_000
/** One message written to the log (info, debug, warning) or as the failure annotation. */
export const MAX_LOG_MESSAGE_CHARS = 8_000
/** One value in a cell of the job summary, counted before escaping. */
export const MAX_SUMMARY_CELL_CHARS = 8_000
/** One output value (error-message is the longest). */
export const MAX_OUTPUT_CHARS = 8_000
/**
 * The whole job summary of this step, in UTF-8 bytes: far under GitHub's limit of 1 MiB per step, beyond which the
 * runner drops the summary and adds an error annotation.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#step-isolation-and-limits
 */
export const MAX_SUMMARY_BYTES = 64 * 1024
export const GITHUB_STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024

/** The shortest limit truncate() can honour: room for its marker. */
const MIN_LIMIT = 40

/**
 * `text` cut to at most `maxChars` UTF-16 units (40 when less is asked: the marker needs them), marker included,
 * never splitting a surrogate pair. The marker says how much was left out, so a reader knows the text is incomplete.
 */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const marker = (omitted: number): string => `… [${omitted} more characters not shown]`
  let keep = Math.max(0, Math.max(maxChars, MIN_LIMIT) - marker(text.length).length)
  const last = text.charCodeAt(keep - 1)
  if (last >= 0xd800 && last <= 0xdbff) keep--
  return `${text.slice(0, keep)}${marker(text.length - keep)}`
}

/** Every line break a reader (the runner reads \r, \n and \r\n; browsers also break at NEL, LS and PS) may see. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g
/**
 * Characters that must not reach a log or a page as they are: C0 and C1 controls (ANSI escapes colour and hide log
 * text) and DEL, and the bidirectional overrides that reorder what a reader sees. Tab is kept.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** Line breaks as \n, every other unsafe character as a visible \uXXXX escape. */
function normalise(text: string): string {
  return text.replace(LINE_BREAK, '\n').replace(UNSAFE_CHARACTER, escapeCharacter)
}

/**
 * The runner treats a line as a workflow command when it starts with `::` after leading white space, or when it
 * holds `##[` anywhere (the legacy syntax): actions/runner src/Runner.Common/ActionCommand.cs, TryParseV2 and
 * TryParse. A backslash breaks both without hiding what the server sent. This covers `::stop-commands::` too.
 */
export function neutraliseCommandLine(line: string): string {
  return line.replace(/^([\s\u0085]*):/, '$1\\:').replace(/##\[/g, '##\\[')
}

/** Server text to quote inside a log line of the action's own: one line, escaped, commands neutralised, bounded. */
export function logFragment(text: string, maxChars = MAX_LOG_FRAGMENT_CHARS): string {
  return truncate(neutraliseCommandLine(normalise(text).replace(/\n/g, '\\n')), maxChars)
}

/**
 * A message for the log, possibly several lines: line breaks kept as \n, other unsafe characters escaped, no line
 * able to start a workflow command, bounded.
 */
export function logText(text: string, maxChars = MAX_LOG_MESSAGE_CHARS): string {
  return truncate(normalise(text).split('\n').map(neutraliseCommandLine).join('\n'), maxChars)
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/** `&`, `<`, `>`, `"` and `'` as HTML character entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character])
}

/**
 * Text for a Markdown table cell or a line of the job summary, rendered as the text it is: on one source line
 * (line breaks as <br>, so a lone CR cannot end the cell), Markdown's inline syntax backslash-escaped (emphasis,
 * code, links and images, strike-through, table pipes), HTML's special characters as entities (so no tag, `<a
 * href>` or `<img src>`, stays live), unsafe characters escaped, bounded. A bare URL stays a URL: GitHub links it,
 * as it would in any text.
 */
export function markdownText(text: string, maxChars = MAX_SUMMARY_CELL_CHARS): string {
  return normalise(truncate(text, maxChars))
    .replace(/[\\`*_[\]~|]/g, '\\$&')
    .replace(/[&<>"']/g, escapeHtml)
    .replace(/\n/g, '<br>')
}

/** An output value: line breaks as \n, other unsafe characters escaped, bounded. */
export function outputValue(text: string, maxChars = MAX_OUTPUT_CHARS): string {
  return truncate(normalise(text), maxChars)
}

/**
 * The job summary cut to `maxBytes` of UTF-8 at a line end (a cut row would break the table), with a line saying
 * it was cut.
 */
export function boundSummary(markdown: string, maxBytes = MAX_SUMMARY_BYTES): string {
  const size = Buffer.byteLength(markdown)
  if (size <= maxBytes) return markdown
  const note = `\n\n_The summary was cut at ${maxBytes} bytes of ${size}; the step's log has every line._\n`
  const room = Buffer.from(markdown).subarray(0, Math.max(0, maxBytes - Buffer.byteLength(note)))
  const text = room.toString('utf8')
  const end = text.lastIndexOf('\n')
  return `${end < 0 ? '' : text.slice(0, end)}${note}`
}
