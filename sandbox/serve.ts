import { appendFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { inputVariable } from './actions-runner.js'
import { Sandbox } from './sandbox.js'

/**
 * `npm run sandbox -- [--github-env FILE] [--github-output FILE] [--write-env FILE]`: keeps the sandbox running until
 * interrupted, for `uses: ./` in CI or a run by hand.
 *   --github-env / --github-output  append the runner variables (KEY=VALUE) and the step inputs (name=value) to the
 *                                   given files, as $GITHUB_ENV and $GITHUB_OUTPUT expect
 *   --write-env                      writes one file with the runner variables and the inputs as INPUT_* variables
 *                                   (sample credentials included), for `env $(cat FILE) node dist/index.js`; see
 *                                   .env.example and docs/how-to.md
 */
const { values } = parseArgs({
  options: {
    'github-env': { type: 'string' },
    'github-output': { type: 'string' },
    'write-env': { type: 'string' }
  }
})
const sandbox = await Sandbox.start()
const env = Object.entries(sandbox.runnerEnv()).map(([k, v]) => `${k}=${v}`)
const inputs = Object.entries(sandbox.inputs()).map(([k, v]) => `${k}=${v}`)
if (values['github-env']) appendFileSync(values['github-env'], `${env.join('\n')}\n`)
if (values['github-output']) appendFileSync(values['github-output'], `${inputs.join('\n')}\n`)
if (values['write-env']) {
  // One KEY=VALUE a line with no spaces, so `env $(cat FILE)` passes each line as one variable.
  const stepInputs = { ...sandbox.inputs(), credentials: 'Oauth2AuthorizationCode=sandbox-code-by-hand' }
  const lines = [...env, ...Object.entries(stepInputs).map(([name, value]) => `${inputVariable(name)}=${value}`)]
  writeFileSync(values['write-env'], `${lines.join('\n')}\n`)
}
console.log(
  `Sandbox running (Ctrl-C to stop).\nRunner environment:\n  ${env.join('\n  ')}\nStep inputs:\n  ${inputs.join('\n  ')}`
)
if (values['write-env']) console.log(`In another shell: env $(cat ${values['write-env']}) node dist/index.js`)
console.log('ready')
const stop = async (): Promise<void> => {
  await sandbox.stop()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
