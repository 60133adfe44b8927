import type { Runner } from './main.js'
import type { SecretRegistry } from './masking.js'
import { boundSummary, logFragment, logText, MAX_LOG_MESSAGE_CHARS, outputValue } from './sanitise.js'

/**
 * The runner as the rest of the action sees it, holding the edge whatever a module forgets: every message, output
 * and summary is scrubbed of every registered secret (in every echoed form, before any cut, so no cut leaves part
 * of one), then made safe for where it goes. Log text keeps its lines, but none can start a workflow command
 * (`::…`, the legacy `##[…`, a lone CR the runner reads as a line end); controls are escaped; each message is at
 * most MAX_LOG_MESSAGE_CHARS, each output MAX_OUTPUT_CHARS, the summary MAX_SUMMARY_BYTES.
 */
export function guardRunner(runner: Runner, secrets: SecretRegistry): Runner {
  const log = (message: string): string => logText(secrets.redact(message), MAX_LOG_MESSAGE_CHARS)
  return {
    getInput: (name) => runner.getInput(name),
    setSecret: (secret) => secrets.add(secret),
    setOutput: (name, value) =>
      runner.setOutput(name, outputValue(isOwnValue(name, value) ? value : scrubOutput(value, secrets))),
    info: (message) => runner.info(log(message)),
    debug: (message) => runner.debug(log(message)),
    warning: (message) => runner.warning(log(message)),
    setFailed: (message, title) => runner.setFailed(log(message), logFragment(secrets.redact(title), 200)),
    writeSummary: (markdown) => runner.writeSummary(boundSummary(secrets.redact(markdown)))
  }
}

/**
 * Outputs the action makes itself, in the shape it makes them: a count, an HTTP status, its own UUID, the URL built
 * from validated inputs (which refuse a user name, password or query). They hold nothing a server or a credential
 * supplied, so a short secret such as `1` must not turn `attempts` into `***`. Anything else under these names is
 * scrubbed like every other output.
 */
const OWN_OUTPUTS: Readonly<Record<string, RegExp>> = {
  attempts: /^\d{1,2}$/,
  status: /^(\d{3})?$/,
  'client-request-id': /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  endpoint: /^(https:\/\/[^\s@?#]+)?$/
}

function isOwnValue(name: string, value: string): boolean {
  return Object.hasOwn(OWN_OUTPUTS, name) && OWN_OUTPUTS[name].test(value)
}

/**
 * An output that is a JSON array or object (the `jobs` output) stays JSON for fromJSON: its strings are scrubbed
 * one by one, never its syntax, which a short credential value such as `true` or `1` would otherwise replace.
 */
function scrubOutput(value: string, secrets: SecretRegistry): string {
  if (!/^[[{]/.test(value)) return secrets.redact(value)
  try {
    const parsed: unknown = JSON.parse(value)
    return JSON.stringify(parsed, (_key, item: unknown) => (typeof item === 'string' ? secrets.redact(item) : item))
  } catch {
    return secrets.redact(value)
  }
}
