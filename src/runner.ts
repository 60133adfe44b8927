import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import * as core from '@actions/core'
import { getEntraToken, loadEntraSdk } from './entra.js'
import { sendHttp } from './http.js'
import { readJobContext } from './job-context.js'
import type { Dependencies } from './main.js'

export const USER_AGENT = 'entra-provisioning-action/1.0'

/** The real dependencies: the runner's @actions/core, Node's clock and HTTPS, @azure/identity. */
export function runnerDependencies(): Dependencies {
  return {
    runner: {
      getInput: (name) => core.getInput(name),
      setSecret: (secret) => core.setSecret(secret),
      setOutput: (name, value) => core.setOutput(name, value),
      info: (message) => core.info(message),
      debug: (message) => core.debug(message),
      warning: (message) => core.warning(message),
      // core.setFailed with a title: the annotation, then the failing exit code.
      setFailed: (message, title) => {
        core.error(message, { title })
        process.exitCode = core.ExitCode.Failure
      },
      writeSummary: async (markdown) => {
        await core.summary.addRaw(markdown).write()
      }
    },
    env: process.env,
    sendHttp,
    getEntraToken: (request, githubIdToken, log) => getEntraToken(request, githubIdToken, sendHttp, log),
    // A failed load surfaces where getEntraToken awaits the same promise, with the Entra stage.
    prepareEntra: () => void loadEntraSdk().catch(() => undefined),
    // The context only adds evidence to a failure: if it cannot be read, the failure is reported without it.
    jobContext: () => readJobContext(process.env).catch(() => undefined),
    clock: { sleep: (ms) => sleep(ms), now: () => Date.now(), random: () => Math.random() },
    newClientRequestId: () => randomUUID(),
    userAgent: USER_AGENT
  }
}
