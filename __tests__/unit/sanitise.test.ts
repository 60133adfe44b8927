import fc from 'fast-check'
import {
  boundSummary,
  GITHUB_STEP_SUMMARY_LIMIT_BYTES,
  logFragment,
  logText,
  markdownText,
  MAX_LOG_FRAGMENT_CHARS,
  MAX_LOG_MESSAGE_CHARS,
  MAX_OUTPUT_CHARS,
  MAX_SUMMARY_BYTES,
  MAX_SUMMARY_CELL_CHARS,
  outputValue,
  truncate
} from '../../src/sanitise.js'

/** How the runner splits stdout into lines (.NET ReadLine): \r, \n and \r\n. */
const runnerLines = (text: string): string[] => text.split(/\r\n|\r|\n/)
/** What actions/runner's ActionCommand.TryParseV2 and TryParse accept as the start of a command. */
const isCommand = (line: string): boolean => /^[\s\u0085]*::/.test(line) || line.includes('##[')

/** Server text built to hurt: workflow commands, every kind of line break, ANSI and bidi controls, Markdown and HTML. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '\n',
        '\r',
        '\r\n',
        '\u2028',
        '\u0085',
        ' ',
        '\t',
        '\u00a0',
        '::',
        '::error title=x::forged',
        '::stop-commands::token',
        '::add-mask::',
        '##[error]legacy',
        '##[',
        '\u001b[8m',
        '\u202e',
        '|',
        '\\',
        '<img src=x>',
        '<a href="https://evil.example">',
        '[link](https://evil.example)',
        '![i](https://evil.example/i.png)',
        '### ✅ 204',
        '`',
        '*',
        '&amp;'
      )
    ),
    { maxLength: 30 }
  )
  .map((parts) => parts.join(''))

describe('truncate', () => {
  it('keeps short text as it is', () => {
    expect(truncate('abc', 40)).toBe('abc')
  })

  it('cuts long text to the limit, marker included, and says how much is missing', () => {
    const cut = truncate('x'.repeat(500), 100)
    expect(cut).toHaveLength(100)
    expect(cut).toMatch(/^x+… \[\d+ more characters not shown\]$/)
    expect(Number(/(\d+) more/.exec(cut)?.[1]) + cut.indexOf('…')).toBe(500)
  })

  it('never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 50 }), fc.integer({ min: 40, max: 60 }), (text, max) => {
        const cut = truncate(text, max)
        expect(cut.length).toBeLessThanOrEqual(max)
        expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
      })
    )
  })
})

describe('logFragment: server text inside one of the action’s log lines', () => {
  it('shows line breaks and controls as escapes, on one line', () => {
    expect(logFragment('a\r\nb\rc\u2028d\u001b[31me')).toBe('a\\nb\\nc\\nd\\u001b[31me')
  })

  it('neutralises a leading workflow command and legacy ##[ commands', () => {
    expect(logFragment('::error::x')).toBe('\\::error::x')
    expect(logFragment('see ##[error]x')).toBe('see ##\\[error]x')
  })

  it('for any server text: one line, no command, within the limit', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const fragment = logFragment(text)
        expect(runnerLines(fragment)).toHaveLength(1)
        expect(isCommand(fragment)).toBe(false)
        expect(fragment.length).toBeLessThanOrEqual(MAX_LOG_FRAGMENT_CHARS)
      })
    )
  })
})

describe('logText: a message of several lines', () => {
  it('keeps the lines, neutralising every one that would be a command', () => {
    expect(logText('Graph said:\n::error title=Forged::x\r  ::warning::y\n##[group]z')).toBe(
      'Graph said:\n\\::error title=Forged::x\n  \\::warning::y\n##\\[group]z'
    )
  })

  it('for any server text, no line the runner reads starts a workflow command, and the whole is bounded', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('', 'prefix: ', '  '), (text, prefix) => {
        const logged = logText(`${prefix}${text}`)
        for (const line of runnerLines(logged)) expect(isCommand(line)).toBe(false)
        expect(logged.length).toBeLessThanOrEqual(MAX_LOG_MESSAGE_CHARS)
        // eslint-disable-next-line no-control-regex
        expect(logged).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
      })
    )
  })

  it('bounds a 0.9 MB message', () => {
    expect(logText('e'.repeat(900_000))).toHaveLength(MAX_LOG_MESSAGE_CHARS)
  })
})

describe('markdownText: a cell of the job summary', () => {
  it('a lone CR does not end the cell: every line break becomes <br>', () => {
    expect(markdownText('failed\r### ✅ 204 — authorized')).toBe('failed<br>### ✅ 204 — authorized')
  })

  it('leaves no HTML tag live', () => {
    expect(markdownText('<a href="https://evil.example">x</a><img src=x>')).toBe(
      '&lt;a href=&quot;https://evil.example&quot;&gt;x&lt;/a&gt;&lt;img src=x&gt;'
    )
  })

  it('escapes links, images, emphasis, code, strike-through and pipes', () => {
    expect(markdownText('![i](u) [l](u) *a* _b_ `c` ~d~ e|f \\')).toBe(
      '!\\[i\\](u) \\[l\\](u) \\*a\\* \\_b\\_ \\`c\\` \\~d\\~ e\\|f \\\\'
    )
  })

  it('for any server text: one source line, no raw <, every Markdown character escaped, bounded', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const cell = markdownText(text)
        expect(cell.replace(/<br>/g, '')).not.toMatch(/[\r\n\u2028\u2029\u0085<>"]/)
        // Each special character is preceded by an odd run of backslashes, i.e. escaped.
        for (const match of cell.matchAll(/(\\*)([`*_[\]~|])/g)) expect(match[1].length % 2).toBe(1)
        // Escaping at most sextuples a character (' becomes &#39;, a control \u001b).
        expect(cell.length).toBeLessThanOrEqual(6 * MAX_SUMMARY_CELL_CHARS)
      })
    )
  })
})

describe('outputValue', () => {
  it('keeps line breaks as \\n, escapes other controls, and is bounded', () => {
    expect(outputValue('a\r\nb\rc\u001bd')).toBe('a\nb\nc\\u001bd')
    expect(outputValue('o'.repeat(900_000))).toHaveLength(MAX_OUTPUT_CHARS)
  })
})

describe('boundSummary', () => {
  it('keeps a summary under the limit as it is', () => {
    expect(boundSummary('| a | b |\n')).toBe('| a | b |\n')
  })

  it('cuts at a line end and says so, far below GitHub’s 1 MiB', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `| row ${i} | ${'é'.repeat(20)} |`).join('\n')
    const bounded = boundSummary(rows)
    expect(Buffer.byteLength(bounded)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES)
    expect(MAX_SUMMARY_BYTES).toBeLessThan(GITHUB_STEP_SUMMARY_LIMIT_BYTES)
    const lines = bounded.split('\n')
    expect(lines.filter((l) => l.startsWith('|')).every((l) => l.endsWith(' |'))).toBe(true)
    expect(bounded).toMatch(/The summary was cut at 65536 bytes of \d+/)
  })
})
