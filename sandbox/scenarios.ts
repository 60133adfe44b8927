import { SAMPLE } from './directory.js'
import { faults } from './faults.js'
import type { Sandbox } from './sandbox.js'

/** What a scenario changes: the sandbox (arranged in place) and the step's inputs and environment. */
export interface ScenarioSetup {
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
}

export interface Scenario {
  description: string
  /** The error-code output the action must end with; '' for success. */
  expectedErrorCode: string
  arrange(sandbox: Sandbox): ScenarioSetup
}

/** The demo's default credentials: what a gallery app's OAuth consent hands over. */
export const DEMO_CREDENTIALS = [
  '# from the provisioning connector',
  'Oauth2AuthorizationCode=M.C507_BAY.2.U.demo-authorization-code-7f3e',
  'Oauth2RedirectUri=https://portal.azure.com/TokenAuthorize',
  'oauth2clientsecret = demo-client-secret~9Q8w7E6r'
].join('\n')

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
    arrange: (sandbox) => {
      sandbox.github.settings.subject = `repo:${SAMPLE.repository}:ref:refs/heads/main`
      sandbox.github.settings.environment = undefined
      return {}
    }
  },
  'subject-case': {
    description: 'the subject differs from the federated credential only in letter case',
    expectedErrorCode: 'AADSTS7002138',
    arrange: (sandbox) => {
      sandbox.github.settings.subject = `repo:Contoso/Release-Tools:environment:${SAMPLE.environment}`
      return {}
    }
  },
  'issuer-mismatch': {
    description: 'the token comes from an enterprise issuer the federated credential does not name',
    expectedErrorCode: 'AADSTS700211',
    arrange: (sandbox) => {
      sandbox.github.settings.issuer = 'https://token.actions.githubusercontent.com/contoso-enterprise'
      return {}
    }
  },
  'audience-mismatch': {
    description: 'the step asks for an audience the federated credential does not list',
    expectedErrorCode: 'AADSTS70021',
    arrange: () => ({ inputs: { audience: 'api://AzureADTokenExchangeUSGov' } })
  },
  'unknown-client': {
    description: 'client-id names no app registration in the tenant',
    expectedErrorCode: 'AADSTS700016',
    arrange: () => ({ inputs: { 'client-id': '9d8c7b6a-0000-4000-8000-000000000000' } })
  },
  'unknown-tenant': {
    description: 'tenant-id names a tenant this cloud does not have',
    expectedErrorCode: 'AADSTS90002',
    arrange: () => ({ inputs: { 'tenant-id': 'fabrikam.onmicrosoft.com' } })
  },
  'expired-token': {
    description: 'the runner clock is an hour behind, so the GitHub token has expired when Entra sees it',
    expectedErrorCode: 'AADSTS700024',
    arrange: (sandbox) => {
      sandbox.github.settings.clockOffsetSeconds = -3600
      return {}
    }
  },
  'no-id-token': {
    description: 'the job lacks `permissions: id-token: write`',
    expectedErrorCode: 'OidcTokenUnavailable',
    arrange: () => ({ env: { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined } })
  },
  'missing-permission': {
    description: 'the app has no Microsoft Graph application permission',
    expectedErrorCode: 'UnknownError',
    arrange: (sandbox) => {
      sandbox.directory.apps[0].graphRoles = []
      return {}
    }
  },
  'not-owner': {
    description: 'the app has Application.ReadWrite.OwnedBy but does not own the target',
    expectedErrorCode: 'Authorization_RequestDenied',
    arrange: (sandbox) => {
      sandbox.directory.objects[0].owners = []
      return {}
    }
  },
  'wrong-object-id': {
    description: 'service-principal-id is given the application (client) ID instead of the object ID',
    expectedErrorCode: 'Request_ResourceNotFound',
    arrange: () => ({ inputs: { 'service-principal-id': SAMPLE.clientId } })
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
    description: 'Graph answers 500 with an HTML page on every attempt (max-attempts 2)',
    expectedErrorCode: 'UnexpectedResponse',
    arrange: (sandbox) => {
      sandbox.graph.party.faults.push(faults.htmlError(), faults.htmlError())
      return { inputs: { 'max-attempts': '2' } }
    }
  },
  timeout: {
    description: 'Graph never answers (timeout-seconds 1, max-attempts 2)',
    expectedErrorCode: 'Timeout',
    arrange: (sandbox) => {
      sandbox.graph.party.faults.push(faults.hang(), faults.hang())
      return { inputs: { 'timeout-seconds': '1', 'max-attempts': '2' } }
    }
  },
  deprecated: {
    description: 'Graph answers with Deprecation and Sunset headers on beta',
    expectedErrorCode: '',
    arrange: (sandbox) => {
      sandbox.graph.party.faults.push(faults.deprecated())
      return { inputs: { 'api-version': 'beta' } }
    }
  },
  'bad-input': {
    description: 'typos in the inputs: nothing is sent anywhere',
    expectedErrorCode: 'InvalidInput',
    arrange: () => ({
      inputs: {
        'service-principal-id': 'my-enterprise-app',
        cloud: 'AzureGermanCloud',
        credentials: 'Oauth2AuthorisationCode=demo-code-with-a-typo-in-the-key\nOauth2RedirectUri https://x'
      }
    })
  }
}
