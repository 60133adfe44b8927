import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { PROJECT_ROOT } from '../../sandbox/actions-runner.js'
import { GRAPH_SP_LOOKUP, GRAPH_SP_PLACEHOLDER, grantOwnedByCommand } from '../../src/catalogue.js'
import { MIN_DISTINCTIVE_CHARS } from '../../src/credential-masking.js'
import { VALUE_CLASSES } from '../../src/synchronization-secret.js'

/**
 * Every command block in the documentation is checked (workflow examples also go through actionlint in
 * `npm run lint:workflows`): shell blocks parse, name npm scripts and files that exist, and call `az` and `gh` only
 * with subcommands and flags those tools have; YAML blocks parse; relative links reach a file and a heading.
 */
const read = (file: string): string => readFileSync(join(PROJECT_ROOT, file), 'utf8')
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  ...readdirSync(join(PROJECT_ROOT, 'docs')).map((f) => `docs/${f}`)
]
  .filter((file) => file.endsWith('.md'))
  .sort()

interface Block {
  doc: string
  index: number
  language: string
  code: string
}

const blocks: Block[] = DOCS.flatMap((doc) =>
  [...read(doc).matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m, i) => ({
    doc,
    index: i + 1,
    language: m[1],
    code: m[2]
  }))
)
const shellBlocks = blocks.filter((b) => ['sh', 'bash', 'shell'].includes(b.language))
const yamlBlocks = blocks.filter((b) => ['yaml', 'yml'].includes(b.language))
const name = (b: Block): string => `${b.doc} block ${b.index}`

/**
 * The az and gh commands the docs may use, with the flags each has. A new command or flag fails the test until it
 * is added here, checked against its reference page:
 * https://learn.microsoft.com/cli/azure/reference-index and https://cli.github.com/manual/.
 */
const AZ_GLOBAL = ['--query', '-o', '--output', '--only-show-errors', '--debug', '--verbose']
const GH_REPO = ['--repo', '-R']
const COMMAND_FLAGS: Record<string, string[]> = {
  'az cloud set': ['--name', '-n', '--profile', ...AZ_GLOBAL],
  'az login': ['--tenant', '-t', '--allow-no-subscriptions', '--use-device-code', ...AZ_GLOBAL],
  'az ad app create': ['--display-name', '--sign-in-audience', ...AZ_GLOBAL],
  'az ad app show': ['--id', ...AZ_GLOBAL],
  'az ad app federated-credential create': ['--id', '--parameters', ...AZ_GLOBAL],
  'az ad app permission add': ['--id', '--api', '--api-permissions', ...AZ_GLOBAL],
  'az ad app permission admin-consent': ['--id', ...AZ_GLOBAL],
  'az ad sp create': ['--id', ...AZ_GLOBAL],
  'az ad sp show': ['--id', ...AZ_GLOBAL],
  'az rest': ['--method', '-m', '--url', '-u', '--body', '-b', '--headers', '--resource', ...AZ_GLOBAL],
  'gh api': ['--method', '-X', '--input', '--jq', '-q', '-f', '-F', '--header', '-H', '--hostname'],
  'gh secret set': ['--env', '-e', '--body', '-b', '--org', '-o', ...GH_REPO],
  'gh variable set': ['--env', '-e', '--body', '-b', '--org', '-o', ...GH_REPO],
  'gh attestation verify': [
    '--owner',
    '--signer-workflow',
    '--signer-repo',
    '--source-ref',
    '--source-digest',
    ...GH_REPO
  ],
  'gh release verify': ['--format', '--jq', ...GH_REPO],
  'gh release verify-asset': ['--format', '--jq', ...GH_REPO]
}

/** Simple commands of a shell block as word lists, quoted strings, heredoc bodies and comments removed. */
function simpleCommands(code: string): string[][] {
  const text = code
    .replace(/<<-?\s*'?(\w+)'?([^\n]*)\n[\s\S]*?\n\1(?=\n|$)/g, '$2')
    .replace(/\\\n/g, ' ')
    // Comments first: an apostrophe in one ("the tenant's") would otherwise open a quoted string.
    .replace(/(^|\s)#[^\n]*/g, '$1')
    .replace(/'[^']*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
  return text
    .split(/\n|&&|\|\||;|\||\$\(|\)|\{|\}/)
    .map((segment) => segment.trim().split(/\s+/).filter(Boolean))
    .map((words) => words.slice(words.findIndex((w) => !/^\w+=/.test(w))))
    .filter((words) => words.length > 0 && !/^\w+=/.test(words[0]))
}

/** `graph() { az rest … }` makes `graph …` an `az rest` call with more flags. */
function shellFunctions(code: string): Record<string, string> {
  const functions: Record<string, string> = {}
  for (const m of code.matchAll(/^(\w+)\(\)\s*\{\s*((?:az|gh)(?:\s+[a-z][\w-]*)+)/gm)) functions[m[1]] = m[2]
  return functions
}

function commandOf(
  words: string[],
  functions: Record<string, string>
): { command: string; flags: string[] } | undefined {
  const expanded = functions[words[0]] ? [...functions[words[0]].split(/\s+/), ...words.slice(1)] : words
  if (expanded[0] !== 'az' && expanded[0] !== 'gh') return undefined
  const command =
    Object.keys(COMMAND_FLAGS)
      .filter((known) => expanded.join(' ').startsWith(`${known} `) || expanded.join(' ') === known)
      .sort((a, b) => b.length - a.length)[0] ?? expanded.slice(0, 4).join(' ')
  return { command, flags: expanded.filter((w) => /^-{1,2}[a-zA-Z]/.test(w)).map((w) => w.split('=')[0]) }
}

describe('documentation command blocks', () => {
  it('finds the blocks to check', () => {
    expect(shellBlocks.length).toBeGreaterThan(10)
    expect(DOCS).toEqual(expect.arrayContaining(['docs/setup.md', 'docs/credentials.md', 'docs/how-to.md']))
  })

  it.each(shellBlocks.map((b) => [name(b), b] as const))('%s is valid bash', (_name, block) => {
    const result = spawnSync('bash', ['-n'], { input: block.code, encoding: 'utf8' })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('names only npm scripts that exist', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts)
    const named = shellBlocks.flatMap((b) =>
      simpleCommands(b.code)
        .filter((w) => w[0] === 'npm' && w[1] === 'run')
        .map((w) => `${name(b)}: ${w[2]}`)
    )
    expect(named.length).toBeGreaterThan(5)
    expect(named.filter((n) => !scripts.includes(n.split(': ')[1]))).toEqual([])
  })

  it('runs only files that exist', () => {
    const runners = new Set(['node', 'bash', 'tsx'])
    const missing: string[] = []
    let checked = 0
    for (const block of shellBlocks) {
      for (const words of simpleCommands(block.code)) {
        // `npx node …`, and `env VAR=… node …` (what env runs is the command)
        const args = ['npx', 'env'].includes(words[0]) ? words.slice(words.findIndex((w) => runners.has(w))) : words
        if (!runners.has(args[0])) continue
        const file = args.slice(1).find((w) => !w.startsWith('-'))
        if (!file) continue
        checked++
        if (!existsSync(join(PROJECT_ROOT, file))) missing.push(`${name(block)}: ${file}`)
      }
    }
    expect(checked).toBeGreaterThan(3)
    expect(missing).toEqual([])
  })

  it('calls az and gh only with commands and flags they have', () => {
    const problems: string[] = []
    let checked = 0
    for (const block of shellBlocks) {
      const functions = shellFunctions(block.code)
      for (const words of simpleCommands(block.code)) {
        const call = commandOf(words, functions)
        if (!call) continue
        checked++
        const known = COMMAND_FLAGS[call.command]
        if (!known) problems.push(`${name(block)}: unknown command "${call.command}"`)
        else
          for (const flag of call.flags.filter((f) => !known.includes(f)))
            problems.push(`${name(block)}: ${call.command} has no flag ${flag}`)
      }
    }
    expect(checked).toBeGreaterThan(20)
    expect(problems).toEqual([])
  })

  it.each(yamlBlocks.map((b) => [name(b), b] as const))('%s is valid YAML', (_name, block) => {
    expect(parseAllDocuments(block.code).flatMap((d) => d.errors.map((e) => e.message))).toEqual([])
  })
})

describe('the checks themselves', () => {
  it('split a block into simple commands without quoted text, heredocs or comments', () => {
    const code = [
      'A=1 az rest --url "$X" --body \'{"a": "--not-a-flag"}\' # --comment',
      'ID=$(az ad sp show --id "$APP" --query id -o tsv) && gh api x --input - <<\'EOF\'',
      '{ "--inside": 1 }',
      'EOF',
      'npm run demo -- --list'
    ].join('\n')
    expect(simpleCommands(code)).toEqual([
      ['az', 'rest', '--url', '""', '--body', "''"],
      ['az', 'ad', 'sp', 'show', '--id', '""', '--query', 'id', '-o', 'tsv'],
      ['gh', 'api', 'x', '--input', '-'],
      ['npm', 'run', 'demo', '--', '--list']
    ])
  })

  it('report a flag a command does not have, and a command the table does not know', () => {
    const functions = shellFunctions('graph() { az rest --resource "$G" "$@"; }')
    expect(commandOf(['graph', 'x', '--methd', 'POST'], functions)).toEqual({ command: 'az rest', flags: ['--methd'] })
    expect(commandOf(['az', 'ad', 'group', 'create', '--name', 'x'], {})?.command).toBe('az ad group create')
  })
})

describe('documentation links', () => {
  /** GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens) and explicit `<a id>` anchors. */
  const anchors = (doc: string): string[] => [
    ...[...read(doc).matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-')
    ),
    ...[...read(doc).matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1])
  ]

  it.each(DOCS)('%s links only to files and headings that exist', (doc) => {
    const broken: string[] = []
    for (const [, target] of read(doc).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue
      const [path, anchor] = target.split('#')
      const file = path === '' ? doc : join(doc.includes('/') ? doc.slice(0, doc.lastIndexOf('/')) : '', path)
      if (!existsSync(join(PROJECT_ROOT, file))) broken.push(target)
      else if (anchor && file.endsWith('.md') && !anchors(file).includes(anchor)) broken.push(target)
    }
    expect(broken).toEqual([])
  })
})

describe('README: what is masked', () => {
  const section = /#### What is masked\n([\s\S]*?)\n## /.exec(read('README.md'))?.[1] ?? ''

  it('lists each key under the kind the action masks it as, with the reason, as src/synchronization-secret.ts does', () => {
    const rows = [...section.matchAll(/^\| (secret|configuration) +\| (.*?) +\| (.*?) +\|$/gm)].map(
      ([, kind, keys, reason]) => ({
        kind,
        keys: [...keys.matchAll(/`(\w+)`/g)].map((m) => m[1]),
        reason
      })
    )
    expect(rows).toEqual(VALUE_CLASSES.map(({ kind, keys, reason }) => ({ kind, keys: [...keys], reason })))
  })

  it('states the length below which a value is not distinctive as the code has it', () => {
    expect(section).toContain(`fewer than ${MIN_DISTINCTIVE_CHARS} characters`)
    const stated = section.match(/(\d+) characters or more/g) ?? []
    expect(stated.length).toBeGreaterThan(0)
    expect(new Set(stated)).toEqual(new Set([`${MIN_DISTINCTIVE_CHARS} characters or more`]))
  })
})

describe('README: the permission grant', () => {
  /** An `az rest` POST as url, resource and body (JSON), whichever quoting the shell needs. */
  function azRest(command: string): { url: string; resource: string; body: unknown } {
    const unquote = (value: string): string => value.replace(/^(['"])(.*)\1$/s, '$2').replace(/\\"/g, '"')
    const part = (flag: string): string =>
      unquote(new RegExp(`${flag} ('[^']*'|"(?:[^"\\\\]|\\\\.)*")`).exec(command)?.[1] ?? '')
    return { url: part('--url'), resource: part('--resource'), body: JSON.parse(part('--body') || 'null') }
  }

  it('step 3 runs the command the missing-permission hint prints: one app role, no admin-consent', () => {
    const readme = read('README.md').replace(/\\\n\s*/g, '')
    const step = /# 3\. [\s\S]*?\n# 4\./.exec(readme)?.[0] ?? ''
    expect(step).toContain(`GRAPH_SP=$(${GRAPH_SP_LOOKUP})`)
    expect(step).not.toContain('admin-consent')
    const printed = grantOwnedByCommand({ graphEndpoint: '$GRAPH', callerObjectId: '$AUTOMATION_SP' }).replaceAll(
      GRAPH_SP_PLACEHOLDER,
      '$GRAPH_SP'
    )
    expect(azRest(/^az rest .*appRoleAssignedTo.*$/m.exec(step)?.[0] ?? '')).toEqual(azRest(printed))
  })
})
