import { SYNCHRONIZATION_SECRET_KEYS } from '../src/synchronization-secret.js'

export interface FederatedCredential {
  name: string
  issuer: string
  subject: string
  audiences: string[]
}

export interface AppRegistration {
  clientId: string
  /** Object id of the app's service principal: the `oid` of its tokens, and what an owner entry names. */
  servicePrincipalObjectId: string
  displayName: string
  federatedCredentials: FederatedCredential[]
  /** Application permissions (app roles) granted on Microsoft Graph with admin consent. */
  graphRoles: string[]
}

export interface DirectoryObject {
  kind: 'servicePrincipals' | 'applications'
  id: string
  /** Object ids of the service principals that own it (Application.ReadWrite.OwnedBy reaches only these). */
  owners: string[]
  /** Every credentials collection Graph accepted for this object, in order. */
  received: Array<Array<{ key: string; value: string }>>
  /** Its provisioning jobs, as `GET …/synchronization/jobs` returns them (synchronizationJob JSON). */
  jobs: SynchronizationJob[]
}

/**
 * The synchronizationJob fields the sandbox serves, as Graph documents them:
 * https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationjob,
 * https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationstatus,
 * https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationquarantine,
 * https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationtaskexecution and
 * https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationerror.
 * Tests may put anything here (a hostile server), hence the loose `unknown` for extra fields.
 */
export interface SynchronizationJob {
  id: string
  templateId: string
  schedule: { expiration: string | null; interval: string; state: 'Active' | 'Disabled' | 'Paused' }
  status: {
    code: 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine'
    countSuccessiveCompleteFailures: number
    escrowsPruned: boolean
    lastExecution: TaskExecution | null
    lastSuccessfulExecution: TaskExecution | null
    lastSuccessfulExecutionWithExports: TaskExecution | null
    quarantine: {
      currentBegan: string
      nextAttempt: string
      reason: string
      seriesBegan: string
      seriesCount: number
      error: SynchronizationError | null
    } | null
    steadyStateFirstAchievedTime: string
    steadyStateLastAchievedTime: string
    troubleshootingUrl: string | null
    [extra: string]: unknown
  }
  [extra: string]: unknown
}

export interface SynchronizationError {
  code: string
  message: string
  tenantActionable: boolean
}

export interface TaskExecution {
  activityIdentifier: string
  countEntitled: number
  countExported: number
  countImported: number
  countEscrowed: number
  state: 'Succeeded' | 'Failed' | 'EntryLevelErrors'
  timeBegan: string
  timeEnded: string
  error: SynchronizationError | null
}

/** A job in the given state, its last run at `at` (ISO): what a gallery app's provisioning job looks like. */
export function sampleJob(
  code: SynchronizationJob['status']['code'],
  at = '2026-11-22T09:40:00Z',
  quarantine: { reason: string; error: SynchronizationError } | undefined = undefined
): SynchronizationJob {
  const run = (state: TaskExecution['state'], error: SynchronizationError | null): TaskExecution => ({
    activityIdentifier: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
    countEntitled: 12,
    countExported: state === 'Succeeded' ? 3 : 0,
    countImported: 12,
    countEscrowed: error ? 12 : 0,
    state,
    timeBegan: at.replace(/:00Z$/, ':00.0000000Z'),
    timeEnded: at.replace(/:00Z$/, ':42.1234567Z'),
    error
  })
  const neverRan = code === 'NotConfigured' || code === 'NotRun'
  return {
    id: `contosoapp.${code.toLowerCase()}.0f1e2d3c4b5a69788796a5b4c3d2e1f0`,
    templateId: 'contosoapp',
    schedule: { expiration: null, interval: 'PT40M', state: code === 'Paused' ? 'Paused' : 'Active' },
    status: {
      code,
      countSuccessiveCompleteFailures: quarantine ? 3 : 0,
      escrowsPruned: false,
      lastExecution: neverRan ? null : run(quarantine ? 'Failed' : 'Succeeded', quarantine?.error ?? null),
      lastSuccessfulExecution: neverRan ? null : run('Succeeded', null),
      lastSuccessfulExecutionWithExports: null,
      quarantine: quarantine
        ? {
            currentBegan: at,
            nextAttempt: '2026-11-22T21:40:00Z',
            reason: quarantine.reason,
            seriesBegan: at,
            seriesCount: 1,
            error: quarantine.error
          }
        : null,
      steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z',
      steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
      troubleshootingUrl: quarantine
        ? 'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status'
        : null
    }
  }
}

/** The tenant the sandbox plays: one app registration with a federated credential, two provisioning targets. */
export interface Directory {
  tenantId: string
  domains: string[]
  /** Object id of Microsoft Graph's service principal in this tenant: the resource of every Graph app role assignment. */
  graphServicePrincipalId: string
  apps: AppRegistration[]
  objects: DirectoryObject[]
}

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

export const SAMPLE = {
  tenantId: '5f3c1e2a-8b4d-4c6e-9a1f-2b3c4d5e6f70',
  domain: 'contoso.onmicrosoft.com',
  clientId: '0b8e7c6d-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  servicePrincipalId: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a',
  applicationId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  automationObjectId: '6c5b4a39-2817-4f6e-8d5c-4b3a29180f7e',
  graphServicePrincipalId: '4e1d2c3b-7a69-4f58-9e47-3d2c1b0a9f8e',
  repository: 'contoso/release-tools',
  environment: 'production'
} as const

export const SAMPLE_SUBJECT = `repo:${SAMPLE.repository}:environment:${SAMPLE.environment}`

export function sampleDirectory(): Directory {
  return {
    tenantId: SAMPLE.tenantId,
    domains: [SAMPLE.domain],
    graphServicePrincipalId: SAMPLE.graphServicePrincipalId,
    apps: [
      {
        clientId: SAMPLE.clientId,
        servicePrincipalObjectId: SAMPLE.automationObjectId,
        displayName: 'release-tools provisioning automation',
        federatedCredentials: [
          {
            name: 'github-release-tools-production',
            issuer: GITHUB_ISSUER,
            subject: SAMPLE_SUBJECT,
            audiences: ['api://AzureADTokenExchange']
          }
        ],
        graphRoles: ['Application.ReadWrite.OwnedBy']
      }
    ],
    objects: [
      {
        kind: 'servicePrincipals',
        id: SAMPLE.servicePrincipalId,
        owners: [SAMPLE.automationObjectId],
        received: [],
        jobs: [sampleJob('Active')]
      },
      { kind: 'applications', id: SAMPLE.applicationId, owners: [SAMPLE.automationObjectId], received: [], jobs: [] }
    ]
  }
}

export const SECRET_KEYS: ReadonlySet<string> = new Set(SYNCHRONIZATION_SECRET_KEYS)
