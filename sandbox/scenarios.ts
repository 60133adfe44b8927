import { readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GRAPH_SP_LOOKUP, GRAPH_SP_PLACEHOLDER, type CatalogueId } from '../src/catalogue.js'
import { SAMPLE } from './directory.js'
import { faults } from './faults.js'
import type { Fault } from './party.js'
import type { Sandbox } from './sandbox.js'

/** What a scenario changes: the sandbox (arranged in place) and the step's inputs and environment. */
export interface ScenarioSetup {
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  /** Set by a fix whose check showed that provisioning is already authorized: there is nothing to re-run. */
  authorized?: true
}

export interface Scenario {
  description: string
  /** The error-code output the action must end with; '' for success. */
  expectedErrorCode: string
  arrange(sandbox: Sandbox): ScenarioSetup
  /** The catalogue entry the action must name (its troubleshooting anchor, or the warning it prints). */
  diagnosis?: CatalogueId
  /** The `attempts` output the failing run must end with, where retrying or not is the point. */
  attempts?: number
  /**
   * Applies the fix the action printed (`printed`: its error annotation and warnings) to the sandbox's world or to
   * the step, reading the values it needs from the printed text; returns the step for the re-run, which must reach
   * 204 with no warning. Scenarios without a fix the sandbox can apply leave it out and name their cause only.
   */
  fix?(sandbox: Sandbox, printed: string, setup: ScenarioSetup): ScenarioSetup | Promise<ScenarioSetup>
}

/** The text a hint gives after `lead`, up to the end of its line: the value a person would copy. */
export function printedAfter(printed: string, lead: string): string {
  const start = printed.indexOf(lead)
  if (start < 0) throw new Error(`the action did not print "${lead}"`)
  return printed
    .slice(start + lead.length)
    .split('\n')[0]
    .trim()
}

/**
 * Runs a printed `az rest --method POST --url '…' --resource '…' --body '…'` against the sandbox, as the tenant's
 * administrator; the resource must be the Graph the URL names, as the CLI would get its token for it.
 */
export async function runAzRest(sandbox: Sandbox, command: string): Promise<number> {
  const parsed = /^az rest --method POST --url '([^']+)' --resource '([^']+)' --body '([^']+)'$/.exec(command.trim())
  if (!parsed) throw new Error(`not an az rest POST: ${command}`)
  const [, url, resource, body] = parsed
  if (new URL(url).origin !== new URL(resource).origin)
    throw new Error(`--resource ${resource} is not the Graph of ${url}`)
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      {
        method: 'POST',
        ca: readFileSync(sandbox.tls.caPath, 'utf8'),
        headers: { authorization: `Bearer ${sandbox.administratorToken()}`, 'content-type': 'application/json' }
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      }
    )
    sent.on('error', reject)
    sent.end(body)
  })
}

/** The environment of a run for a pull request from a fork: the runner offers no OIDC token service. */
function forkPullRequestEnv(): Record<string, string | undefined> {
  const path = join(tmpdir(), `entra-action-fork-event-${process.pid}.json`)
  writeFileSync(
    path,
    JSON.stringify({
      pull_request: {
        number: 7,
        head: { repo: { fork: true, full_name: 'mallory/release-tools' } },
        base: { repo: { full_name: SAMPLE.repository } }
      }
    })
  )
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path,
    ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined
  }
}

/** Inputs without `name`, as when a person deletes the line from the step. */
function without(setup: ScenarioSetup, name: string): ScenarioSetup {
  const inputs = { ...setup.inputs }
  delete inputs[name]
  return { ...setup, inputs }
}

/**
 * Applies the printed grant: `az ad sp show --id <Graph's app id>` answers Microsoft Graph's service principal id in
 * the sandbox's tenant, which goes where the printed command says; then the `az rest` runs as the administrator.
 */
export async function grantAppRole(sandbox: Sandbox, hint: string): Promise<void> {
  if (!hint.includes(`(${GRAPH_SP_LOOKUP})`))
    throw new Error(`the grant does not say how to find Graph's service principal: ${hint}`)
  const command = OWNER_COMMAND.exec(hint)![0].replaceAll(
    GRAPH_SP_PLACEHOLDER,
    sandbox.directory.graphServicePrincipalId
  )
  const status = await runAzRest(sandbox, command)
  if (status !== 201) throw new Error(`the printed grant answered ${status}`)
}

const OWNER_COMMAND = /az rest --method POST --url '[^']+' --resource '[^']+' --body '[^']+'/

/** The demo's default credentials: what a gallery app's OAuth consent hands over. */
export const DEMO_CREDENTIALS = [
  '# from the provisioning connector',
  'Oauth2AuthorizationCode=M.C507_BAY.2.U.demo-authorization-code-7f3e',
  'Oauth2RedirectUri=https://portal.azure.com/TokenAuthorize',
  'oauth2clientsecret = demo-client-secret~9Q8w7E6r'
].join('\n')

/** A SCIM app's credentials: nothing single-use, so a re-run may always send them again. */
export const SCIM_CREDENTIALS = 'BaseAddress=https://scim.contoso.example/scim\nSecretToken=demo-scim-token-3c4d5e6f'

/** The code a person fetches after a code was used up: what a fix-check re-run sends. */
export const FRESH_CODE = 'M.C507_BAY.2.U.fresh-authorization-code-19ab'

function withFreshCode(setup: ScenarioSetup): ScenarioSetup {
  const credentials = (setup.inputs?.credentials ?? DEMO_CREDENTIALS).replace(
    /^Oauth2AuthorizationCode=.*$/m,
    `Oauth2AuthorizationCode=${FRESH_CODE}`
  )
  return { ...setup, inputs: { ...setup.inputs, credentials } }
}

const VALIDATE_COMMAND = /az rest --method POST --url '[^']+\/validateCredentials' --resource '[^']+' --body '[^']+'/

/**
 * Runs the printed check of the saved credentials (validateCredentials) as the tenant's administrator, on the
 * target's job (the id a person reads from the printed listing command): 204 when provisioning is authorized.
 */
async function checkSavedCredentials(sandbox: Sandbox, printed: string): Promise<number> {
  const hint = printedAfter(printed, 'Check before obtaining a new code:')
  const jobId = sandbox.directory.objects[0].jobs[0].id
  return runAzRest(sandbox, VALIDATE_COMMAND.exec(hint)![0].replace('<job-id>', jobId))
}

/** The outcome was unknown and the check shows nothing was authorized: the printed way on is a fresh code. */
async function freshCodeAfterCheck(sandbox: Sandbox, printed: string, setup: ScenarioSetup): Promise<ScenarioSetup> {
  const status = await checkSavedCredentials(sandbox, printed)
  if (status !== 400) throw new Error(`the printed check answered ${status}, not the failure that calls for a new code`)
  printedAfter(printed, 'if it fails, obtain a fresh authorization code')
  return withFreshCode(setup)
}

/** Graph redeems the code (once only), then `fault` keeps its answer from the runner; max-attempts 2 would allow a retry. */
function redeemedThen(sandbox: Sandbox, fault: Fault): ScenarioSetup {
  sandbox.graph.singleUseCodes = true
  sandbox.graph.party.faults.push(fault)
  return { inputs: { 'max-attempts': '2' } }
}

/** Graph redeemed the code but its answer was lost: the printed check shows provisioning authorized, nothing to redo. */
async function authorizedAfterCheck(sandbox: Sandbox, printed: string, setup: ScenarioSetup): Promise<ScenarioSetup> {
  const status = await checkSavedCredentials(sandbox, printed)
  if (status !== 204) throw new Error(`the printed check answered ${status}, yet Graph redeemed the code`)
  printedAfter(printed, 'If the test passes, provisioning is authorized')
  return { ...setup, authorized: true }
}

/**
 * Re-running is the printed fix of a transient failure (the sandbox's one-off faults are used up by then), applied
 * only when the action printed it, starting with `lead`.
 */
const rerunAsPrinted =
  (lead: string) =>
  (_sandbox: Sandbox, printed: string, setup: ScenarioSetup): ScenarioSetup => {
    printedAfter(printed, lead)
    return setup
  }

/** Every situation the demo can replay, by the name given to `npm run demo -- --fail NAME`. */
export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  success: {
    description: 'the main job: a release workflow authorizes provisioning for a service principal',
    expectedErrorCode: '',
    arrange: () => ({})
  },
  'subject-mismatch': {
    description: 'the job runs on a branch, but the federated credential trusts the production environment',
    expectedErrorCode: 'AADSTS700213',
    diagnosis: 'entra-subject-no-environment',
    arrange: (sandbox) => {
      sandbox.github.settings.subject = `repo:${SAMPLE.repository}:ref:refs/heads/main`
      sandbox.github.settings.environment = undefined
      return {}
    },
    fix: (sandbox, printed, setup) => {
      // The hint says to declare the environment the credential names; a person reads that name off the credential.
      printedAfter(printed, 'add `environment: <name>` to the job')
      const trusted = sandbox.directory.apps[0].federatedCredentials[0].subject
      const name = /:environment:(.+)$/.exec(trusted)![1]
      sandbox.github.settings.environment = name
      sandbox.github.settings.subject = `repo:${SAMPLE.repository}:environment:${name}`
      return setup
    }
  },
  'immutable-subject': {
    description:
      'the repository presents immutable subjects (owner and repository ids), the credential names the environment by names only',
    expectedErrorCode: 'AADSTS700213',
    diagnosis: 'entra-subject-immutable-form',
    arrange: (sandbox) => {
      const [owner, repo] = SAMPLE.repository.split('/')
      sandbox.github.settings.subject = `repo:${owner}@65/${repo}@74:environment:${SAMPLE.environment}`
      return {}
    },
    fix: (sandbox, printed, setup) => {
      sandbox.directory.apps[0].federatedCredentials[0].subject = printedAfter(
        printed,
        'Change the subject of the credential meant for this job to exactly the one presented:'
      )
      return setup
    }
  },
  'subject-case': {
    description: 'the subject differs from the federated credential only in letter case',
    expectedErrorCode: 'AADSTS7002138',
    diagnosis: 'entra-subject-case',
    arrange: (sandbox) => {
      sandbox.github.settings.subject = `repo:Contoso/Release-Tools:environment:${SAMPLE.environment}`
      return {}
    },
    fix: (sandbox, printed, setup) => {
      sandbox.directory.apps[0].federatedCredentials[0].subject = printedAfter(
        printed,
        'Change the credential’s subject to exactly what the token presented:'
      )
      return setup
    }
  },
  'issuer-mismatch': {
    description: 'the token comes from an enterprise issuer the federated credential does not name',
    expectedErrorCode: 'AADSTS700211',
    diagnosis: 'entra-issuer-mismatch',
    arrange: (sandbox) => {
      sandbox.github.settings.issuer = 'https://token.actions.githubusercontent.com/contoso-enterprise'
      return {}
    },
    fix: (sandbox, printed, setup) => fixIssuer(sandbox, printed, setup)
  },
  'ghes-issuer': {
    description: 'the token comes from GitHub Enterprise Server, whose issuer the federated credential does not name',
    expectedErrorCode: 'AADSTS700211',
    diagnosis: 'entra-issuer-mismatch',
    arrange: (sandbox) => {
      sandbox.github.settings.issuer = 'https://github.contoso.com/_services/token'
      return {}
    },
    fix: (sandbox, printed, setup) => fixIssuer(sandbox, printed, setup)
  },
  'audience-mismatch': {
    description: 'the step asks for an audience the federated credential does not list',
    expectedErrorCode: 'AADSTS70021',
    diagnosis: 'entra-audience-input',
    arrange: () => ({ inputs: { audience: 'api://AzureADTokenExchangeUSGov' } }),
    fix: (_sandbox, printed, setup) => {
      printedAfter(
        printed,
        'Remove the audience input: the token then asks for this cloud’s default, api://AzureADTokenExchange'
      )
      return without(setup, 'audience')
    }
  },
  'national-cloud-audience': {
    description: 'cloud us-gov asks for its portal’s audience; the credential was made with the CLI’s default',
    expectedErrorCode: 'AADSTS70021',
    diagnosis: 'entra-no-matching-credential',
    arrange: () => ({ inputs: { cloud: 'us-gov' } }),
    fix: (_sandbox, printed, setup) => {
      const audience = /set `audience: (\S+)`/.exec(printedAfter(printed, 'If the credential holds'))![1]
      return { ...setup, inputs: { ...setup.inputs, audience } }
    }
  },
  'unknown-client': {
    description: 'client-id names no app registration in the tenant',
    expectedErrorCode: 'AADSTS700016',
    diagnosis: 'entra-unknown-client',
    arrange: () => ({ inputs: { 'client-id': '9d8c7b6a-0000-4000-8000-000000000000' } }),
    fix: (sandbox, printed, setup) => {
      printedAfter(printed, 'Set client-id to the application (client) ID of the app registration')
      return { ...setup, inputs: { ...setup.inputs, 'client-id': sandbox.directory.apps[0].clientId } }
    }
  },
  'unknown-tenant': {
    description: 'tenant-id names a tenant this cloud does not have',
    expectedErrorCode: 'AADSTS90002',
    diagnosis: 'entra-unknown-tenant',
    arrange: () => ({ inputs: { 'tenant-id': 'fabrikam.onmicrosoft.com' } }),
    fix: (sandbox, printed, setup) => {
      printedAfter(printed, 'Set tenant-id to your tenant’s ID or a verified domain')
      return { ...setup, inputs: { ...setup.inputs, 'tenant-id': sandbox.directory.tenantId } }
    }
  },
  'github-token-expired': {
    description: 'GitHub’s token had expired when Entra checked it (issued an hour before the exchange)',
    expectedErrorCode: 'AADSTS700024',
    diagnosis: 'entra-assertion-time',
    arrange: (sandbox) => {
      sandbox.github.settings.nextTokenAgeSeconds = 3600
      return {}
    },
    fix: rerunAsPrinted('Re-run the job')
  },
  'no-id-token': {
    description: 'the job lacks `permissions: id-token: write`',
    expectedErrorCode: 'OidcTokenUnavailable',
    diagnosis: 'oidc-no-permission',
    arrange: () => ({ env: { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined } }),
    fix: (sandbox, printed, setup) => {
      // With id-token: write the runner sets the token service variables.
      printedAfter(printed, 'Add `permissions: id-token: write`')
      return { ...setup, env: { ...setup.env, ...sandbox.runnerEnv() } }
    }
  },
  'fork-pull-request': {
    description: 'a pull request from a fork: the runner offers no OIDC token service, whatever the permissions',
    expectedErrorCode: 'OidcTokenUnavailable',
    diagnosis: 'oidc-fork-pull-request',
    arrange: () => ({ env: forkPullRequestEnv() }),
    fix: (sandbox, printed, setup) => {
      printedAfter(printed, 'Authorize provisioning from a trusted event instead, such as `push`')
      return { ...setup, env: { ...sandbox.runnerEnv(), GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: undefined } }
    }
  },
  'oidc-refused': {
    description: 'the token service refuses the request token the runner gave the job',
    expectedErrorCode: 'OidcTokenUnavailable',
    diagnosis: 'oidc-refused',
    arrange: () => ({ env: { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'a-request-token-the-service-refuses' } }),
    fix: (sandbox, printed, setup) => {
      // A re-run gets a request token the service issued for that run.
      printedAfter(printed, 'Re-run the job')
      return { ...setup, env: { ...setup.env, ...sandbox.runnerEnv() } }
    }
  },
  'entra-timeout': {
    description: 'Entra never answers (timeout-seconds 1)',
    expectedErrorCode: 'Timeout',
    diagnosis: 'entra-timeout',
    arrange: (sandbox) => {
      sandbox.entra.party.faults.push(faults.hang(), faults.hang(), faults.hang(), faults.hang(), faults.hang())
      return { inputs: { 'timeout-seconds': '1' } }
    },
    fix: (sandbox, printed, setup) => {
      printedAfter(printed, 'Re-run the job, or raise timeout-seconds')
      sandbox.entra.party.faults.length = 0
      return setup
    }
  },
  'unknown-graph': {
    description: 'graph-endpoint names a Graph that Entra does not know in this tenant',
    expectedErrorCode: 'AADSTS500011',
    diagnosis: 'entra-unknown-resource',
    arrange: () => ({ inputs: { 'graph-endpoint': 'https://graph.example.invalid' } }),
    fix: (sandbox, printed, setup) => {
      // The cloud's Graph root; in the sandbox, the sandbox's Graph.
      printedAfter(printed, 'Remove graph-endpoint (the cloud input picks it) or set it to the Graph root of cloud')
      return { ...setup, inputs: { ...setup.inputs, 'graph-endpoint': sandbox.graph.party.url() } }
    }
  },
  'missing-permission': {
    description: 'the app has no Microsoft Graph application permission',
    expectedErrorCode: 'UnknownError',
    diagnosis: 'graph-no-permission',
    arrange: (sandbox) => {
      sandbox.directory.apps[0].graphRoles = []
      return {}
    },
    fix: async (sandbox, printed, setup) => {
      await grantAppRole(sandbox, printedAfter(printed, 'Application.ReadWrite.OwnedBy, and only that:'))
      const owner = printedAfter(printed, 'Then make its service principal an owner of the target (')
      const status = await runAzRest(sandbox, OWNER_COMMAND.exec(owner)![0])
      if (status !== 204) throw new Error(`the printed owners command answered ${status}`)
      return setup
    }
  },
  'not-owner': {
    description: 'the app has Application.ReadWrite.OwnedBy but does not own the target',
    expectedErrorCode: 'Authorization_RequestDenied',
    diagnosis: 'graph-not-owner',
    arrange: (sandbox) => {
      sandbox.directory.objects[0].owners = []
      return {}
    },
    fix: async (sandbox, printed, setup) => {
      const command = printedAfter(printed, 'Make the app’s service principal an owner of the target')
      const status = await runAzRest(sandbox, OWNER_COMMAND.exec(command)![0])
      if (status !== 204) throw new Error(`the printed owners command answered ${status}`)
      return setup
    }
  },
  'wrong-object-id': {
    description: 'service-principal-id is given the application (client) ID instead of the object ID',
    expectedErrorCode: 'Request_ResourceNotFound',
    diagnosis: 'graph-target-is-client-id',
    arrange: () => ({ inputs: { 'service-principal-id': SAMPLE.clientId } }),
    fix: (_sandbox, printed, setup) => {
      // What the printed `az ad sp show --id <appId> --query id -o tsv` answers in the sample tenant.
      const lookup = printedAfter(printed, 'service-principal-id takes the object ID of the target')
      if (!lookup.endsWith(': az ad sp show --id <appId> --query id -o tsv')) throw new Error(lookup)
      return { ...setup, inputs: { ...setup.inputs, 'service-principal-id': SAMPLE.servicePrincipalId } }
    }
  },
  'invalid-token': {
    description: 'Graph answers 401 InvalidAuthenticationToken although the token matches the call',
    expectedErrorCode: 'InvalidAuthenticationToken',
    diagnosis: 'graph-invalid-token',
    arrange: (sandbox) => {
      sandbox.graph.party.faults.push(
        faults.graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.')
      )
      return {}
    },
    fix: (_sandbox, printed, setup) => {
      printedAfter(printed, 'Re-run the job for a fresh token')
      return setup
    }
  },
  throttled: {
    description: 'Graph throttles once (429, Retry-After: 1); the action waits and succeeds',
    expectedErrorCode: '',
    arrange: (sandbox) => {
      sandbox.graph.party.faults.push(faults.throttled(1))
      return {}
    }
  },
  'server-error': {
    description: 'a gateway answers 500 with an HTML page to the request carrying a code: not retried (max-attempts 2)',
    expectedErrorCode: 'OutcomeUnknown',
    diagnosis: 'graph-gateway',
    attempts: 1,
    arrange: (sandbox) => {
      // One fault: a second attempt, if there were one, would succeed and the scenario would fail.
      sandbox.graph.party.faults.push(faults.htmlError())
      return { inputs: { 'max-attempts': '2' } }
    },
    fix: freshCodeAfterCheck
  },
  'gateway-html': {
    description: 'a proxy answers 502 with an HTML page to a SCIM app’s request, once (max-attempts 1)',
    expectedErrorCode: 'UnexpectedResponse',
    diagnosis: 'graph-gateway',
    arrange: (sandbox) => {
      sandbox.graph.party.faults.push(faults.htmlError(502))
      return { inputs: { 'max-attempts': '1', credentials: SCIM_CREDENTIALS } }
    },
    fix: rerunAsPrinted('Re-run the job; if it persists, check the proxies and firewalls')
  },
  timeout: {
    description: 'Graph never answers the request carrying a code: not retried (timeout-seconds 1, max-attempts 2)',
    expectedErrorCode: 'OutcomeUnknown',
    diagnosis: 'graph-timeout',
    attempts: 1,
    arrange: (sandbox) => {
      sandbox.graph.party.faults.push(faults.hang())
      return { inputs: { 'timeout-seconds': '1', 'max-attempts': '2' } }
    },
    fix: freshCodeAfterCheck
  },
  'code-redeemed': {
    description:
      'Graph redeems the code but the connection drops before its answer: not retried, reported as possibly authorized',
    expectedErrorCode: 'OutcomeUnknown',
    diagnosis: 'graph-connection-lost',
    attempts: 1,
    arrange: (sandbox) => redeemedThen(sandbox, faults.lostAnswer()),
    fix: authorizedAfterCheck
  },
  'unreadable-answer': {
    description:
      'Graph redeems the code, but its answer carries 60 KiB of headers the runner cannot read: not retried, reported as possibly authorized',
    expectedErrorCode: 'OutcomeUnknown',
    diagnosis: 'graph-answer-unreadable',
    attempts: 1,
    arrange: (sandbox) => redeemedThen(sandbox, faults.oversizedHeaders()),
    fix: authorizedAfterCheck
  },
  deprecated: {
    description: 'Graph answers with Deprecation and Sunset headers on beta',
    expectedErrorCode: '',
    diagnosis: 'graph-deprecation-header',
    arrange: (sandbox) => {
      sandbox.graph.party.faults.push(faults.deprecated())
      return { inputs: { 'api-version': 'beta' } }
    },
    fix: (_sandbox, printed, setup) => {
      printedAfter(printed, 'set `api-version: v1.0`')
      return { ...setup, inputs: { ...setup.inputs, 'api-version': 'v1.0' } }
    }
  },
  beta: {
    description: 'api-version beta, with no deprecation headers from Graph: warned anyway',
    expectedErrorCode: '',
    diagnosis: 'beta-deprecated',
    arrange: () => ({ inputs: { 'api-version': 'beta' } }),
    fix: (_sandbox, printed, setup) => {
      printedAfter(printed, 'Set `api-version: v1.0`')
      return { ...setup, inputs: { ...setup.inputs, 'api-version': 'v1.0' } }
    }
  },
  'bad-input': {
    description: 'typos in the inputs: nothing is sent anywhere',
    expectedErrorCode: 'InvalidInput',
    diagnosis: 'invalid-input',
    arrange: () => ({
      inputs: {
        'service-principal-id': 'my-enterprise-app',
        cloud: 'AzureGermanCloud',
        credentials: 'Oauth2AuthorisationCode=demo-code-with-a-typo-in-the-key\nOauth2RedirectUri https://x'
      }
    }),
    fix: (_sandbox, printed) => {
      // Each line names an input and what it allows: corrected as the lines say.
      for (const lead of [
        'service-principal-id must be an object ID',
        'cloud must be one of',
        'did you mean Oauth2AuthorizationCode?'
      ])
        printedAfter(printed, lead)
      return {
        inputs: {
          'service-principal-id': SAMPLE.servicePrincipalId,
          cloud: 'global',
          credentials: 'Oauth2AuthorizationCode=demo-code-with-a-typo-in-the-key\nOauth2RedirectUri=https://x'
        }
      }
    }
  }
}

function fixIssuer(sandbox: Sandbox, printed: string, setup: ScenarioSetup): ScenarioSetup {
  // The hint is conditional: the sandbox's enterprise or GHES issuer is this tenant's own GitHub, so it applies.
  const issuer = /^(\S+) \(no trailing/.exec(
    printedAfter(printed, 'set the federated credential’s issuer to exactly')
  )![1]
  printedAfter(printed, `Only if ${issuer} is your own GitHub’s issuer`)
  sandbox.directory.apps[0].federatedCredentials[0].issuer = issuer
  return setup
}
