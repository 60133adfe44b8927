/** How the runner reads a step's stdout: workflow commands, and masks that apply from the next line on. */

export interface WorkflowCommand {
  name: string
  properties: Record<string, string>
  message: string
  /** Index of the stdout line it came from. */
  line: number
  /** Written in the legacy `##[name]` syntax. */
  legacy?: boolean
}

export interface ReplayedLog {
  /** What a person sees in the job log: masked, with add-mask commands hidden. */
  lines: string[]
  commands: WorkflowCommand[]
  masks: string[]
}

/**
 * As actions/runner src/Runner.Common/ActionCommand.cs parses a line: `::name props::data` after leading white
 * space is trimmed (TryParseV2), or the legacy `##[name props]data` anywhere in the line (TryParse).
 */
const COMMAND = /^\s*::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/
const LEGACY_COMMAND = /##\[([A-Za-z-]+)(?: ([^\]]*))?\](.*)$/

export function unescapeData(value: string): string {
  return value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

export function unescapeProperty(value: string): string {
  return unescapeData(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',')
}

/** Replays stdout as the runner does: `::add-mask::` hides its value in every later line. */
export function replayLog(stdout: string): ReplayedLog {
  const masks: string[] = []
  const lines: string[] = []
  const commands: WorkflowCommand[] = []
  // The runner reads lines as .NET's ReadLine does: \r, \n and \r\n each end one.
  stdout.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const masked = applyMasks(raw, masks)
    const legacy = LEGACY_COMMAND.exec(raw)
    if (legacy && !COMMAND.test(raw)) {
      commands.push({
        name: legacy[1],
        properties: {},
        message: applyMasks(legacy[3], masks),
        line: index,
        legacy: true
      })
    }
    const match = COMMAND.exec(raw)
    if (match) {
      const [, name, props = '', message] = match
      const properties: Record<string, string> = {}
      for (const pair of props.split(',').filter(Boolean)) {
        const at = pair.indexOf('=')
        if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
      }
      if (name === 'add-mask') {
        const value = unescapeData(message)
        if (value) masks.push(value)
        return
      }
      commands.push({ name, properties, message: applyMasks(unescapeData(message), masks), line: index })
    }
    lines.push(masked)
  })
  return { lines, commands, masks }
}

export function applyMasks(text: string, masks: readonly string[]): string {
  return [...masks].sort((a, b) => b.length - a.length).reduce((out, mask) => out.split(mask).join('***'), text)
}

/** The values written to a GITHUB_OUTPUT file (`name<<delimiter` blocks or `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      outputs[name] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return outputs
}
