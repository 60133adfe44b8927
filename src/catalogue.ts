import type { Stage } from './errors.js'
import type { ActionConfig } from './inputs.js'

/**
 * The failure catalogue: every failure the action knows, with what identifies it, what tells it apart from its
 * look-alikes, its cause and the fixes in least-privilege order. The hints the action prints and the catalogue
 * section of docs/troubleshooting.md are both rendered from these entries (scripts/troubleshooting.ts), and a test
 * fails when the committed document differs from a fresh rendering.
 */
export interface CatalogueEntry {
  /** Stable id; also the anchor in docs/troubleshooting.md. */
  id: CatalogueId
  stage: Stage | 'warning'
  /** Short title for the document. */
  title: string
  /** What identifies it: Graph status and code, AADSTS code, transport kind or OIDC condition. */
  identifiedBy: string
  /** What tells it apart from failures with the same code (the evidence the diagnosis reads). */
  distinguishedBy: string
  /** The cause, stated only as far as the evidence carries it. */
  cause: string
  /** The fixes, least privilege first; a fix that widens trust or privilege says so in its own words. */
  fixes(context: HintContext): string[]
}

/** The values a printed fix may name. The document renders the same fixes with DOC_CONTEXT's placeholders. */
export interface HintContext {
  clientId: string
  tenantId: string
  /** The `cloud` input's canonical name (global, us-gov, us-gov-dod, china). */
  cloud: string
  /** The audience a federated credential made in this cloud's portal holds. */
  cloudAudience: string
  /** Whether the `audience` input asks for something other than the cloud's default. */
  audienceInputSet: boolean
  graphEndpoint: string
  authorityHost: string
  targetKind: 'servicePrincipals' | 'applications'
  targetId: string
  /** The GitHub OIDC token's claims as presented to Entra. */
  issuer: string
  subject: string
  audience: string
  /** `repository` claim (owner/name). */
  repository: string
  /** `environment` claim; '' when the job had no environment. */
  environment: string
  /** The caller's service principal object id (`oid` of the Graph token). */
  callerObjectId: string
}

/** Placeholders for the document: each names what the action fills in at run time. */
export const DOC_CONTEXT: HintContext = {
  clientId: '<client-id>',
  tenantId: '<tenant-id>',
  cloud: '<cloud>',
  cloudAudience: '<the cloud’s audience>',
  audienceInputSet: false,
  graphEndpoint: '<graph-endpoint>',
  authorityHost: '<authority-host>',
  targetKind: 'servicePrincipals',
  targetId: '<service-principal-id>',
  issuer: '<issuer>',
  subject: '<subject>',
  audience: '<audience>',
  repository: '<owner>/<repo>',
  environment: '',
  callerObjectId: '<object id of the app’s service principal>'
}

/** The context for a run: the configuration's values, plus what the failure's evidence adds. */
export function hintContext(config: ActionConfig, evidence: Partial<HintContext> = {}): HintContext {
  return {
    clientId: config.clientId,
    tenantId: config.tenantId,
    cloud: config.cloud.name,
    cloudAudience: config.cloud.audience,
    audienceInputSet: config.audience !== config.cloud.audience,
    graphEndpoint: config.graphEndpoint,
    authorityHost: config.authorityHost,
    targetKind: config.target.kind,
    targetId: config.target.id,
    issuer: '',
    subject: '',
    audience: config.audience,
    repository: '<owner>/<repo>',
    environment: '',
    callerObjectId: '<object id of the app’s service principal>',
    ...evidence
  }
}

export const LEAST_PRIVILEGED_PERMISSION = 'Application.ReadWrite.OwnedBy'
export const BROADER_PERMISSION = 'Synchronization.ReadWrite.All'
/** Graph's application permissions that let a caller use acquireAccessToken on a target. */
export const SYNCHRONIZATION_PERMISSIONS: readonly string[] = [LEAST_PRIVILEGED_PERMISSION, BROADER_PERMISSION]

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

// Microsoft Graph, "Add owner" (POST /servicePrincipals/{id}/owners/$ref, POST /applications/{id}/owners/$ref,
// body {"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}):
// https://learn.microsoft.com/graph/api/serviceprincipal-post-owners and
// https://learn.microsoft.com/graph/api/application-post-owners
/** The command that makes the caller an owner of the target; single quotes keep `$ref` from the shell. */
export function addOwnerCommand(
  context: Pick<HintContext, 'graphEndpoint' | 'targetKind' | 'targetId' | 'callerObjectId'>
): string {
  const url = `${context.graphEndpoint}/v1.0/${context.targetKind}/${context.targetId}/owners/$ref`
  const body = JSON.stringify({
    '@odata.id': `${context.graphEndpoint}/v1.0/directoryObjects/${context.callerObjectId}`
  })
  return `az rest --method POST --url '${url}' --body '${body}'`
}

/** The `az ad app federated-credential create` command trusting exactly the presented issuer, subject, audience. */
export function federatedCredentialCommand(
  context: Pick<HintContext, 'clientId' | 'issuer' | 'subject' | 'audience'>
): string {
  const parameters = JSON.stringify({
    name: credentialName(context.subject),
    issuer: context.issuer,
    subject: context.subject,
    audiences: [context.audience]
  })
  return `az ad app federated-credential create --id ${context.clientId} --parameters '${parameters}'`
}

/** A federated credential name Entra accepts (letters, digits, '-' and '_', up to 120). */
export function credentialName(subject: string): string {
  const name = `github-${subject}`
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '')
  return name.slice(0, 120)
}

const targetInput = (context: HintContext): string =>
  context.targetKind === 'servicePrincipals' ? 'service-principal-id' : 'application-id'

const NETWORK_CHECK =
  'Check that the runner can reach the host (DNS, firewall, HTTPS_PROXY / NO_PROXY, TLS inspection certificates in NODE_EXTRA_CA_CERTS), then re-run the job.'

// Issuer forms: github.com (https://docs.github.com/en/actions/reference/security/oidc); an enterprise that turned on
// its own issuer with the "custom issuer policy" API, include_enterprise_slug
// (https://docs.github.com/en/enterprise-cloud@latest/rest/actions/oidc); GitHub Enterprise Server
// (https://HOST/_services/token); GHE.com, "The OIDC token is issued from https://token.actions.SUBDOMAIN.ghe.com"
// (https://docs.github.com/en/enterprise-cloud@latest/admin/data-residency/network-details-for-ghecom).
const ISSUER_FORMS =
  `github.com: ${GITHUB_ISSUER}; an enterprise that turned on its own issuer: ${GITHUB_ISSUER}/<enterprise-slug>; ` +
  'GitHub Enterprise Server: https://<HOST>/_services/token; GHE.com: https://token.actions.<subdomain>.ghe.com'

const entries = {
  'invalid-input': {
    stage: 'inputs',
    title: 'An input is missing or not valid',
    identifiedBy: '`InvalidInput`, before any request',
    distinguishedBy: 'each line names the input and what it allows; nothing was sent anywhere',
    cause: 'The step’s `with:` values do not pass validation.',
    fixes: () => ['Correct each input the message names, as it describes; nothing else needs to change.']
  },
  'oidc-fork-pull-request': {
    stage: 'GitHub OIDC',
    title: 'No OIDC token service: a pull request from a fork',
    identifiedBy: '`OidcTokenUnavailable`, `ACTIONS_ID_TOKEN_REQUEST_URL` not set',
    distinguishedBy: 'the event is a pull request whose head repository is a fork (read from the job’s context)',
    cause:
      'GitHub gives no OIDC token (and no secrets) to workflows run for pull requests from forks; no permission setting changes that.',
    fixes: () => [
      'Do not run this step for fork pull requests: add `if: github.event.pull_request.head.repo.fork != true` to the job.',
      'Authorize provisioning from a trusted event instead, such as `push` to the default branch, `release` or `workflow_dispatch`.'
    ]
  },
  'oidc-no-permission': {
    stage: 'GitHub OIDC',
    title: 'No OIDC token service: the job may not request a token',
    identifiedBy: '`OidcTokenUnavailable`, `ACTIONS_ID_TOKEN_REQUEST_URL` not set',
    distinguishedBy: 'not a fork pull request',
    cause:
      'The runner offers an OIDC token service only to jobs granted `id-token: write` (a job in a reusable workflow needs it from its caller too); this job was offered none.',
    fixes: () => [
      'Add `permissions: id-token: write` (with `contents: read`) to the job that runs this step.',
      'If this job is in a reusable workflow, the calling job must grant `id-token: write` too: a called workflow can only narrow its caller’s permissions.'
    ]
  },
  'oidc-refused': {
    stage: 'GitHub OIDC',
    title: 'The token service refused the request',
    identifiedBy: '`OidcTokenUnavailable`, the token service answered HTTP 401 or 403',
    distinguishedBy: 'the service exists but refused the job’s request token',
    cause: 'GitHub’s token service refused the request token the runner gave this job.',
    fixes: () => [
      'Re-run the job; if it is refused again, check that the job (and the calling job of a reusable workflow) has `permissions: id-token: write`.'
    ]
  },
  'oidc-unavailable': {
    stage: 'GitHub OIDC',
    title: 'The token service did not answer or failed',
    identifiedBy: '`OidcTokenUnavailable` with HTTP 5xx or another status, `Timeout`, `NetworkError`',
    distinguishedBy: 'the action already retried twice',
    cause: 'GitHub’s token service was unreachable or degraded.',
    fixes: () => ['Re-run the job; on a self-hosted runner check its connection to GitHub (HTTPS_PROXY / NO_PROXY).']
  },
  'entra-subject-no-environment': {
    stage: 'Entra',
    title: 'Subject not trusted, and the job ran without an environment',
    identifiedBy: '`AADSTS700213`',
    distinguishedBy:
      'the token has no `environment` claim: its subject names a branch, tag, pull request or workflow instead',
    cause:
      'No federated credential of the app trusts this subject. Entra does not say which subject it expected; a credential for a deployment environment expects `repo:<owner>/<repo>:environment:<name>`, which a job only presents when it declares `environment:`.',
    fixes: (c: HintContext) => [
      `If the app’s federated credential names an environment (subject repo:${c.repository}:environment:<name>), add \`environment: <name>\` to the job; the token then presents that subject and the environment’s protection rules apply.`,
      `Only if this workflow should be trusted without an environment (wider than a protected environment: anything that runs on this ref can use it), add a credential for exactly this subject: ${federatedCredentialCommand(c)}`
    ]
  },
  'entra-subject-mismatch': {
    stage: 'Entra',
    title: 'Subject not trusted',
    identifiedBy: '`AADSTS700213`',
    distinguishedBy: 'the token names an environment, but no credential of the app has this subject',
    cause:
      'No federated credential of the app trusts this subject; Entra does not say which subjects it holds. The environment, repository or owner differs, or the organisation customised its subject claim.',
    fixes: (c: HintContext) => [
      `Compare the subject presented (${c.subject}) with the subjects of app ${c.clientId}’s federated credentials: az ad app federated-credential list --id ${c.clientId} --query "[].subject"`,
      `If this exact context (environment ${c.environment || '<name>'} of ${c.repository}) should be trusted, add a credential for it: ${federatedCredentialCommand(c)}`
    ]
  },
  'entra-subject-case': {
    stage: 'Entra',
    title: 'Subject differs only in letter case',
    identifiedBy: '`AADSTS7002138`',
    distinguishedBy: 'Entra says the subject matches when case is ignored',
    cause:
      'Subject matching is case-sensitive; the credential spells the owner, repository or environment differently.',
    fixes: (c: HintContext) => [`Change the credential’s subject to exactly what the token presented: ${c.subject}`]
  },
  'entra-issuer-mismatch': {
    stage: 'Entra',
    title: 'Issuer not trusted',
    identifiedBy: '`AADSTS700211`',
    distinguishedBy: 'no federated credential of the app names the issuer the token presented',
    cause: `The credential’s issuer differs from the token’s. Issuer forms: ${ISSUER_FORMS}.`,
    fixes: (c: HintContext) => [
      `Set the federated credential’s issuer to exactly the presented issuer ${c.issuer} (no trailing "/"), or add a credential for it: ${federatedCredentialCommand(c)}`
    ]
  },
  'entra-no-matching-credential': {
    stage: 'Entra',
    title: 'No federated credential matches issuer, subject and audience together',
    identifiedBy: '`AADSTS70021`',
    distinguishedBy:
      'Entra does not say which part failed; the audience is the usual one when the issuer and subject are right (national clouds pre-fill their own audience)',
    // "A token request made several minutes after configuring the federated identity credential may fail …
    // AADSTS70021" (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations).
    cause:
      'No federated credential of the app holds this issuer, subject and audience together. A credential added in the last several minutes may not be in effect yet: Entra documents AADSTS70021 for that time too.',
    fixes: (c: HintContext) => [
      ...audienceFixes(c),
      `Otherwise compare the presented issuer (${c.issuer}), subject (${c.subject}) and audience (${c.audience}) with the app’s credentials: az ad app federated-credential list --id ${c.clientId}`
    ]
  },
  'entra-unknown-client': {
    stage: 'Entra',
    title: 'Application not found in the tenant',
    identifiedBy: '`AADSTS700016`',
    distinguishedBy: 'the tenant exists; the client id does not in it',
    cause: 'client-id names no application in this tenant and cloud.',
    fixes: (c: HintContext) => [
      `Set client-id to the application (client) ID of the app registration with the federated credential (not an object ID), in tenant ${c.tenantId} of cloud ${c.cloud}.`
    ]
  },
  'entra-unknown-tenant': {
    stage: 'Entra',
    title: 'Tenant not found',
    identifiedBy: '`AADSTS90002`',
    distinguishedBy: 'Entra found no tenant by this id or domain at this authority',
    cause: 'tenant-id is not a tenant of this cloud.',
    fixes: (c: HintContext) => [
      `Set tenant-id to your tenant’s ID or a verified domain, and cloud to the cloud it lives in (now ${c.cloud}, authority ${c.authorityHost}).`
    ]
  },
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes: "AADSTS90023 InvalidRequest - The
  // authentication service request isn't valid."
  'entra-invalid-request': {
    stage: 'Entra',
    title: 'Entra rejected the request as not valid',
    identifiedBy: '`AADSTS90023`',
    distinguishedBy: 'InvalidRequest: the code names no particular field',
    cause: 'Entra found the token request not valid; its message may say which part.',
    fixes: () => [
      'Read Entra’s message above for the part it rejects; if it names none, check authority-host (or cloud) points at a Microsoft Entra authority and quote trace-id and correlation-id in a support ticket.'
    ]
  },
  'entra-assertion-time': {
    stage: 'Entra',
    title: 'GitHub OIDC token expired or not yet valid',
    identifiedBy: '`AADSTS700024`, `AADSTS500133`',
    distinguishedBy: 'Entra reports the assertion outside its valid time range',
    cause: 'The runner’s clock, or a long wait between the token and the exchange, put the token outside its lifetime.',
    fixes: () => ['Re-run the job; on a self-hosted runner, synchronise its clock (NTP).']
  },
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes: "AADSTS700027 Client assertion failed
  // signature validation." The code carries no more than that.
  'entra-assertion-signature': {
    stage: 'Entra',
    title: 'GitHub OIDC token failed signature validation',
    identifiedBy: '`AADSTS700027`',
    distinguishedBy: 'the code says only that the signature did not validate',
    cause: 'Entra could not validate the token’s signature with the keys of the issuer it names.',
    fixes: (c: HintContext) => [
      `Check that the federated credential’s issuer is the one that issued this token (${c.issuer}), then re-run the job; if it persists, quote trace-id and correlation-id in a support ticket.`
    ]
  },
  'entra-conditional-access': {
    stage: 'Entra',
    title: 'Blocked by Conditional Access',
    identifiedBy: '`AADSTS53003`',
    distinguishedBy: 'a Conditional Access policy for workload identities applied',
    cause: 'A Conditional Access policy blocked the token for this app.',
    fixes: (c: HintContext) => [
      `Ask the tenant’s administrators to review the Conditional Access policy applied to app ${c.clientId} (its sign-in logs name it).`
    ]
  },
  'entra-unknown-resource': {
    stage: 'Entra',
    title: 'Microsoft Graph not known to this tenant at this address',
    identifiedBy: '`AADSTS500011`',
    distinguishedBy: 'Entra found no resource named by graph-endpoint',
    cause: 'graph-endpoint is not the Microsoft Graph of the tenant’s cloud.',
    fixes: (c: HintContext) => [
      `Remove graph-endpoint (the cloud input picks it) or set it to the Graph root of cloud ${c.cloud}; now ${c.graphEndpoint}.`
    ]
  },
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes: "AADSTS650057 Invalid resource. The
  // client has requested access to a resource which isn't listed in the requested permissions in the client's
  // application registration."
  'entra-resource-not-requested': {
    stage: 'Entra',
    title: 'Microsoft Graph is not among the app’s requested permissions',
    identifiedBy: '`AADSTS650057`',
    distinguishedBy: 'Entra lists the resources the app registration does request',
    cause: 'The app registration’s API permissions do not list Microsoft Graph.',
    fixes: (c: HintContext) => [
      `Add the Microsoft Graph application permission ${LEAST_PRIVILEGED_PERMISSION} to app ${c.clientId}’s API permissions and grant admin consent.`
    ]
  },
  'entra-timeout': {
    stage: 'Entra',
    title: 'Entra did not answer in time',
    identifiedBy: '`Timeout` at the Entra stage',
    distinguishedBy: 'no answer within timeout-seconds, after the SDK’s retries',
    cause: 'The authority host did not answer in time.',
    fixes: () => ['Re-run the job, or raise timeout-seconds; check the network path to the authority host.']
  },
  'entra-network': {
    stage: 'Entra',
    title: 'Entra could not be reached',
    identifiedBy: '`NetworkError` at the Entra stage',
    distinguishedBy: 'DNS, connection or TLS failure',
    cause: 'The runner could not connect to the authority host.',
    fixes: () => [NETWORK_CHECK]
  },
  'graph-no-permission': {
    stage: 'Graph',
    title: 'No Graph application permission in the token',
    identifiedBy: 'HTTP 401 (`UnknownError` or an empty message) or 403',
    distinguishedBy:
      'the token’s `roles` hold neither synchronization permission and it carries no directory role (`wids`)',
    cause:
      'The app’s token carries no Microsoft Graph application permission: none is granted with admin consent, or a grant made after this token was issued is not in it yet.',
    fixes: (c: HintContext) => [
      `Grant app ${c.clientId} the Microsoft Graph application permission ${LEAST_PRIVILEGED_PERMISSION} with admin consent, and make its service principal an owner of the target: ${addOwnerCommand(c)}`,
      'A permission granted after this token was issued is in the next one: re-run the job.',
      `Broader alternative, only if ownership is not wanted (it reaches every application’s synchronization in the tenant): ${BROADER_PERMISSION} with admin consent.`
    ]
  },
  'graph-not-owner': {
    stage: 'Graph',
    title: 'Not an owner of the target',
    identifiedBy:
      'HTTP 403 `Authorization_RequestDenied` (or 401); in a dry-run, the check “Ownership of the target” (`NotTargetOwner`): the target’s owners do not include the token’s `oid`',
    distinguishedBy: `the token’s \`roles\` include ${LEAST_PRIVILEGED_PERMISSION}, which reaches only objects the app owns`,
    cause: `The app holds ${LEAST_PRIVILEGED_PERMISSION}, so it may only call this on objects its service principal owns, and it does not own the target.`,
    fixes: (c: HintContext) => [
      `Make the app’s service principal an owner of the target (run as an owner of the target or an Application Administrator): ${addOwnerCommand(c)}`,
      `Broader alternative, only if ownership is not wanted (it reaches every application’s synchronization in the tenant): ${BROADER_PERMISSION} with admin consent.`
    ]
  },
  'graph-denied': {
    stage: 'Graph',
    title: 'Refused although the token carries a permission or role',
    identifiedBy: 'HTTP 401 or 403',
    distinguishedBy: `the token holds ${BROADER_PERMISSION} or a directory role (\`wids\`) and Graph still refused`,
    cause: 'The token carries what should allow this call; the evidence shows no cause for the refusal.',
    fixes: () => [
      'Check the target is the one you mean and that the permission or role applies to it; if so, quote request-id, client-request-id and date in a support ticket.'
    ]
  },
  'graph-token-mismatch': {
    stage: 'Graph',
    title: 'The token is not for this call',
    identifiedBy: 'HTTP 401 `InvalidAuthenticationToken`',
    distinguishedBy: 'the token’s audience differs from the host called, its tenant from tenant-id, or it has expired',
    cause: 'Graph rejected the token itself, not a permission: the token check above names what does not match.',
    fixes: (c: HintContext) => [
      `If the audience differs: graph-endpoint (${c.graphEndpoint}) and cloud (${c.cloud}) must name the Graph of the tenant’s cloud; remove graph-endpoint to use the cloud’s.`,
      `If the tenant differs: set tenant-id to the tenant that holds the target (now ${c.tenantId}).`,
      'If it expired: re-run the job; on a self-hosted runner, synchronise its clock.'
    ]
  },
  'graph-invalid-token': {
    stage: 'Graph',
    title: 'Graph did not accept a token that matches the call',
    identifiedBy: 'HTTP 401 `InvalidAuthenticationToken`',
    distinguishedBy: 'the token’s audience, tenant and expiry all match the call',
    cause:
      'Graph rejected the token although its audience, tenant and expiry match this call; the evidence shows no cause.',
    fixes: () => [
      'Re-run the job for a fresh token; if it is rejected again, quote request-id, client-request-id and date in a support ticket.'
    ]
  },
  'graph-read-only-permission': {
    stage: 'Graph',
    title: 'Only a read permission for synchronization (dry-run)',
    identifiedBy:
      'the dry-run check “Graph permission”: the token’s `roles` hold Synchronization.Read.All and no write permission',
    distinguishedBy: 'the rehearsal’s read of the jobs can pass; acquireAccessToken is a write and would be refused',
    // https://learn.microsoft.com/graph/api/synchronization-synchronization-acquireaccesstoken (Application:
    // Application.ReadWrite.OwnedBy, Synchronization.ReadWrite.All) against
    // https://learn.microsoft.com/graph/api/synchronization-synchronization-list-jobs (also Synchronization.Read.All).
    cause: `Synchronization.Read.All lets the app read provisioning jobs, but acquireAccessToken needs ${LEAST_PRIVILEGED_PERMISSION} or ${BROADER_PERMISSION}.`,
    fixes: (c: HintContext) => [
      `Grant app ${c.clientId} the Microsoft Graph application permission ${LEAST_PRIVILEGED_PERMISSION} with admin consent, and make its service principal an owner of the target: ${addOwnerCommand(c)}`,
      'A permission granted after this token was issued is in the next one: re-run the job.',
      `Broader alternative, only if ownership is not wanted (it reaches every application’s synchronization in the tenant): ${BROADER_PERMISSION} with admin consent.`
    ]
  },
  'graph-token-audience': {
    stage: 'Graph',
    title: 'The Graph token is for another Graph (dry-run)',
    identifiedBy: 'the dry-run check “Token audience”: the token’s `aud` is neither graph-endpoint nor Graph’s app id',
    distinguishedBy:
      'read from the token before any Graph call; the Graph at graph-endpoint answers such a token with 401 `InvalidAuthenticationToken`',
    cause:
      'Entra issued the token for another resource than graph-endpoint (another cloud’s Graph, or another name of it), and a Graph accepts only tokens issued for itself.',
    fixes: (c: HintContext) => [
      `Set graph-endpoint to the Graph the token is for (named above) when that is the Graph of the tenant’s cloud, or remove graph-endpoint so that cloud (${c.cloud}) picks it; now ${c.graphEndpoint}.`
    ]
  },
  'graph-token-tenant': {
    stage: 'Graph',
    title: 'The Graph token is from another tenant (dry-run)',
    identifiedBy: 'the dry-run check “Token tenant”: the token’s `tid` is not tenant-id',
    distinguishedBy: 'compared only when tenant-id is a GUID (a domain name is not in the token)',
    cause: 'The Entra that answered at authority-host issued the token in another tenant than tenant-id names.',
    fixes: (c: HintContext) => [
      `Remove authority-host so that cloud (${c.cloud}) picks Entra, or set it to the Entra of tenant ${c.tenantId}’s cloud; now ${c.authorityHost}.`
    ]
  },
  'graph-object-not-found': {
    stage: 'Graph',
    title: 'Target object not found',
    identifiedBy: 'HTTP 404 `Request_ResourceNotFound`',
    distinguishedBy: 'the id given is not an object of the input’s kind in this tenant',
    cause:
      'No object of the kind the input names (service-principal-id: a service principal, application-id: an application registration) has this object ID in this tenant.',
    fixes: (c: HintContext) => [
      `${targetInput(c)} takes the object ID, not the application (client) ID: ${c.targetKind === 'servicePrincipals' ? 'az ad sp show --id <appId> --query id -o tsv' : 'az ad app show --id <appId> --query id -o tsv'}`,
      'An application registration’s object ID goes in application-id, a service principal’s (Enterprise application’s) in service-principal-id.',
      'It must also be in the tenant of tenant-id and the cloud of the cloud input.'
    ]
  },
  'graph-bad-request': {
    stage: 'Graph',
    title: 'Graph could not use the credentials',
    identifiedBy: 'HTTP 400 with a Graph error code',
    distinguishedBy: 'Graph’s message names the credential or value it could not use',
    cause: 'Graph could not use a credential or its value; its message names which.',
    fixes: () => [
      'Check the credentials keys and values against what this application’s provisioning connector expects.'
    ]
  },
  'graph-code-redeemed': {
    stage: 'Graph',
    title: 'An authorization code may have been used up by an earlier attempt',
    identifiedBy: 'a failed attempt after an earlier one got no answer (timeout, reset) or a 5xx',
    distinguishedBy: 'credentials include `Oauth2AuthorizationCode`',
    cause:
      'An authorization code is single-use; the earlier attempt may have reached Graph and redeemed it before its answer was lost.',
    fixes: () => [
      'Obtain a fresh authorization code from the target application’s consent, update the credentials secret, and re-run the job.'
    ]
  },
  'graph-throttled': {
    stage: 'Graph',
    title: 'Throttled on every attempt',
    identifiedBy: 'HTTP 429 after every attempt',
    distinguishedBy: 'Graph answered (request-id present) and asked to wait',
    cause: 'Graph throttled every attempt; the action waited between attempts (Retry-After when Graph sent it).',
    fixes: () => ['Re-run the job later, or raise max-attempts.']
  },
  'graph-server-error': {
    stage: 'Graph',
    title: 'Graph failed on every attempt',
    identifiedBy: 'HTTP 5xx from Graph after every attempt',
    distinguishedBy: 'the answer carries Graph’s request-id',
    cause: 'Microsoft Graph reported a server error.',
    fixes: () => [
      'Re-run the job later; if it persists, quote request-id, client-request-id and date in a support ticket.'
    ]
  },
  'graph-gateway': {
    stage: 'Graph',
    title: 'A gateway or proxy answered, not Graph',
    identifiedBy: 'an error status whose body is not Graph’s error JSON (HTML, text or empty) and no request-id',
    distinguishedBy: 'no request-id header and no Graph error object: Graph did not write this answer',
    cause:
      'Something between the runner and Graph (a proxy, firewall or Graph’s front door) answered instead of Graph.',
    fixes: () => [
      'Re-run the job; if it persists, check the proxies and firewalls between the runner and the Graph host (HTTPS_PROXY, TLS inspection). There is no Graph request-id for this answer.'
    ]
  },
  'graph-timeout': {
    stage: 'Graph',
    title: 'Graph did not answer in time',
    identifiedBy: '`Timeout` at the Graph stage',
    distinguishedBy: 'no answer within timeout-seconds on every attempt',
    cause: 'Graph did not answer within timeout-seconds.',
    fixes: () => ['Re-run the job, or raise timeout-seconds or max-attempts; check the network path to the Graph host.']
  },
  'graph-network': {
    stage: 'Graph',
    title: 'Graph could not be reached',
    identifiedBy: '`NetworkError` at the Graph stage',
    distinguishedBy: 'DNS, connection or TLS failure on every attempt',
    cause: 'The runner could not connect to the Graph host.',
    fixes: () => [NETWORK_CHECK]
  },
  // Graph's beta metadata marks acquireAccessToken and synchronizationSecret deprecated on 2026-02-06 with removal
  // on 2027-07-06 ("Code Grant will be completely deprecated so this action will be obsolete"); v1.0 has no mark.
  'beta-deprecated': {
    stage: 'warning',
    title: 'api-version beta is deprecated',
    identifiedBy: '`api-version: beta`',
    distinguishedBy: 'warned on every run with beta, whether or not Graph sends Deprecation headers',
    cause:
      'Graph’s beta metadata marks acquireAccessToken deprecated since 2026-02-06, to be removed on 2027-07-06; v1.0 carries no such mark.',
    fixes: () => ['Set `api-version: v1.0` (or remove the input).']
  },
  'graph-deprecation-header': {
    stage: 'warning',
    title: 'Graph announced deprecation in its answer',
    identifiedBy: '`Deprecation` or `Sunset` response headers',
    distinguishedBy: 'the headers’ dates are shown as Graph sent them',
    cause: 'Graph announced that this API version of acquireAccessToken is going away.',
    fixes: () => [
      'On beta, set `api-version: v1.0`; on v1.0, follow the Link header Graph sent, since Graph names no replacement for acquireAccessToken.'
    ]
  },
  'audience-not-cloud-default': {
    stage: 'warning',
    title: 'The audience input differs from the cloud’s default',
    identifiedBy: '`audience` set to something other than the cloud’s audience',
    distinguishedBy: 'a warning only; the run goes on',
    cause: 'The GitHub OIDC token is requested for a different audience than a credential made for this cloud holds.',
    fixes: (c: HintContext) => [
      `Keep it only if app ${c.clientId}’s federated credential lists exactly ${c.audience}; otherwise remove the audience input.`
    ]
  }
} satisfies Record<string, Omit<CatalogueEntry, 'id'>>

export type CatalogueId = keyof typeof entries

/** Every entry, in document order. */
export const CATALOGUE: readonly CatalogueEntry[] = Object.entries(entries).map(([id, entry]) => ({
  id: id as CatalogueId,
  ...(entry as Omit<CatalogueEntry, 'id'>)
}))

export function catalogueEntry(id: CatalogueId): CatalogueEntry {
  return CATALOGUE.find((entry) => entry.id === id)!
}

/** Where the entry is explained, relative to the action's repository. */
export function docLink(id: CatalogueId): string {
  return `docs/troubleshooting.md#${id}`
}

/** The hint lines the action prints for an entry: its cause, then its fixes. */
export function hintsFor(id: CatalogueId, context: HintContext): string[] {
  const entry = catalogueEntry(id)
  return [entry.cause, ...entry.fixes(context)]
}

// Audiences: Entra documents api://AzureADTokenExchange for external identity providers
// (https://learn.microsoft.com/graph/api/resources/federatedidentitycredential); the portals of the US Government and
// China clouds pre-fill api://AzureADTokenExchangeUSGov and api://AzureADTokenExchangeChina, while the CLI, Terraform
// and other actions default to api://AzureADTokenExchange in every cloud.
function audienceFixes(c: HintContext): string[] {
  const fixes: string[] = []
  if (c.audienceInputSet && c.audience !== c.cloudAudience) {
    fixes.push(
      `The audience input asks for ${c.audience}, not this cloud’s ${c.cloudAudience}: remove the audience input if the credential holds ${c.cloudAudience}.`
    )
  }
  const other = c.audience === 'api://AzureADTokenExchange' ? c.cloudAudience : 'api://AzureADTokenExchange'
  if (other !== c.audience) {
    fixes.push(
      `The token presented audience ${c.audience}; a credential made with the CLI, Terraform or other tools holds api://AzureADTokenExchange, one made in a national cloud’s portal holds that cloud’s audience (${c.cloudAudience}). If the credential holds ${other}, set \`audience: ${other}\`, or add ${c.audience} to the credential’s audiences.`
    )
  }
  return fixes
}
