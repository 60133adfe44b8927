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
 *                                   (sample credentials included), in Node's --env-file format, for
 *                                   `env "$(grep ^NODE_EXTRA_CA_CERTS= FILE)" node --env-file=FILE dist/index.js`;
 *                                   see .env.example and docs/how-to.md
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
  // Node's --env-file format: KEY=VALUE lines (a hyphen in a key is fine, unlike in a shell), and a multi-line value
  // in double quotes: credentials as a person writes them, one Key=Value a line.
  const stepInputs = {
    ...sandbox.inputs(),
    credentials:
      'Oauth2AuthorizationCode=sandbox-code-by-hand\nOauth2RedirectUri=https://portal.azure.com/TokenAuthorize'
  }
  const quoted = (value: string): string => (value.includes('\n') ? `"${value}"` : value)
  const lines = [
    ...env,
    ...Object.entries(stepInputs).map(([name, value]) => `${inputVariable(name)}=${quoted(value)}`)
  ]
  writeFileSync(values['write-env'], `${lines.join('\n')}\n`)
}
console.log(
  `Sandbox running (Ctrl-C to stop).\nRunner environment:\n  ${env.join('\n  ')}\nStep inputs:\n  ${inputs.join('\n  ')}`
)
// Node reads NODE_EXTRA_CA_CERTS at start-up, from the real environment only: --env-file sets it too late.
if (values['write-env']) {
  const file = values['write-env']
  console.log(`In another shell: env "$(grep ^NODE_EXTRA_CA_CERTS= ${file})" node --env-file=${file} dist/index.js`)
}
console.log('ready')
const stop = async (): Promise<void> => {
  await sandbox.stop()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
