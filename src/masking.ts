/**
 * The strings to register with the runner's masker for one secret: the value and each of its lines, since the
 * runner matches log lines one by one and a multi-line value would otherwise show line by line. Trimmed
 * lines too, because a value is often printed without its indentation.
 */
export function maskableParts(secret: string): string[] {
  const parts = new Set<string>()
  if (secret.trim() !== '') parts.add(secret)
  for (const line of secret.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed === '') continue
    parts.add(line)
    parts.add(trimmed)
  }
  return [...parts]
}

/**
 * Remembers every secret registered with the runner, so text that does not pass through the runner's log masker
 * (outputs, the job summary) can be scrubbed the same way.
 */
export class SecretRegistry {
  private readonly parts = new Set<string>()

  constructor(private readonly register: (part: string) => void) {}

  add(secret: string): void {
    for (const part of maskableParts(secret)) {
      if (this.parts.has(part)) continue
      this.parts.add(part)
      this.register(part)
    }
  }

  /** `text` with every known secret replaced by `***`, longest first so no fragment of a longer one survives. */
  redact(text: string): string {
    const longestFirst = [...this.parts].sort((a, b) => b.length - a.length)
    return longestFirst.reduce((result, part) => result.split(part).join('***'), text)
  }
}
