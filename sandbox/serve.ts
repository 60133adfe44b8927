import { appendFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { Sandbox } from './sandbox.js'

/**
 * `npm run sandbox -- [--github-env FILE] [--github-output FILE]`: keeps the sandbox running until interrupted, for
 * `uses: ./` in CI or a manual run. Appends the runner variables (KEY=VALUE) and the step inputs (name=value) to the
 * given files, as $GITHUB_ENV and $GITHUB_OUTPUT expect, and prints them otherwise.
 */
const { values } = parseArgs({ options: { 'github-env': { type: 'string' }, 'github-output': { type: 'string' } } })
const sandbox = await Sandbox.start()
const env = Object.entries(sandbox.runnerEnv()).map(([k, v]) => `${k}=${v}`)
const inputs = Object.entries(sandbox.inputs()).map(([k, v]) => `${k}=${v}`)
if (values['github-env']) appendFileSync(values['github-env'], `${env.join('\n')}\n`)
if (values['github-output']) appendFileSync(values['github-output'], `${inputs.join('\n')}\n`)
console.log(
  `Sandbox running (Ctrl-C to stop).\nRunner environment:\n  ${env.join('\n  ')}\nStep inputs:\n  ${inputs.join('\n  ')}`
)
console.log('ready')
const stop = async (): Promise<void> => {
  await sandbox.stop()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
