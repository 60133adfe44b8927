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
}

/** The tenant the sandbox plays: one app registration with a federated credential, two provisioning targets. */
export interface Directory {
  tenantId: string
  domains: string[]
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
  repository: 'contoso/release-tools',
  environment: 'production'
} as const

export const SAMPLE_SUBJECT = `repo:${SAMPLE.repository}:environment:${SAMPLE.environment}`

export function sampleDirectory(): Directory {
  return {
    tenantId: SAMPLE.tenantId,
    domains: [SAMPLE.domain],
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
      { kind: 'servicePrincipals', id: SAMPLE.servicePrincipalId, owners: [SAMPLE.automationObjectId], received: [] },
      { kind: 'applications', id: SAMPLE.applicationId, owners: [SAMPLE.automationObjectId], received: [] }
    ]
  }
}

export const SECRET_KEYS: ReadonlySet<string> = new Set(SYNCHRONIZATION_SECRET_KEYS)
