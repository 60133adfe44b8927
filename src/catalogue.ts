import type { Stage } from './errors.js'
import { EXCHANGE_AUDIENCE } from './clouds.js'
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

// Directory roles (`wids` template ids, https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference)
// that can manage provisioning: Graph's synchronization APIs list Application Administrator, Cloud Application
// Administrator and Hybrid Identity Administrator as the least privileged roles
// (https://learn.microsoft.com/graph/api/synchronization-synchronization-acquireaccesstoken), and Global
// Administrator holds every permission. Any other role (Directory Readers, or the default user role
// b79fbf4d-3ef9-4689-8143-76b194e85509 that tokens commonly carry,
// https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference) does not reach synchronization.
const SYNCHRONIZATION_ROLES: Readonly<Record<string, string>> = {
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': 'Hybrid Identity Administrator',
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator'
}

/** The directory roles among `wids` that can manage provisioning, as "Name (template id)". */
export function synchronizationRoles(wids: readonly string[]): string[] {
  return wids
    .filter((wid) => Object.hasOwn(SYNCHRONIZATION_ROLES, wid.toLowerCase()))
    .map((wid) => `${SYNCHRONIZATION_ROLES[wid.toLowerCase()]} (${wid})`)
}

/** The application permissions among `roles` that allow acquireAccessToken. */
export function synchronizationPermissions(roles: readonly string[]): string[] {
  return roles.filter((role) => SYNCHRONIZATION_PERMISSIONS.includes(role))
}

/** The directory role names the catalogue's text uses. */
const ROLE_NAMES = Object.values(SYNCHRONIZATION_ROLES).join(', ')

// Microsoft Graph's application id (the same in every cloud) and the id of its app role
// Application.ReadWrite.OwnedBy: https://learn.microsoft.com/graph/permissions-reference#applicationreadwriteownedby
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'
const OWNED_BY_ROLE_ID = '18a4783c-866b-4cc7-a460-3d5e5662c884'

/** Stands in the printed grant for Microsoft Graph's service principal object id, which differs per tenant. */
export const GRAPH_SP_PLACEHOLDER = '<graph-sp-id>'

/** The command that finds Microsoft Graph's service principal in the signed-in tenant. */
export const GRAPH_SP_LOOKUP = `az ad sp show --id ${GRAPH_APP_ID} --query id -o tsv`

// Microsoft Graph, "Grant an appRoleAssignment for a service principal" (POST
// /servicePrincipals/{resource-sp-id}/appRoleAssignedTo, body principalId, resourceId, appRoleId): it assigns exactly
// the one app role named, where `az ad app permission admin-consent` consents to everything the app requests
// (https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignedto). The URL's id is the resource's
// service principal (Microsoft Graph's in this tenant), as docs/setup.md does.
/** The command that assigns the caller's service principal Application.ReadWrite.OwnedBy on Microsoft Graph, only that. */
export function grantOwnedByCommand(context: Pick<HintContext, 'graphEndpoint' | 'callerObjectId'>): string {
  const url = `${context.graphEndpoint}/v1.0/servicePrincipals/${GRAPH_SP_PLACEHOLDER}/appRoleAssignedTo`
  const body = JSON.stringify({
    principalId: context.callerObjectId,
    resourceId: GRAPH_SP_PLACEHOLDER,
    appRoleId: OWNED_BY_ROLE_ID
  })
  return `az rest --method POST --url ${shellQuote(url)} --resource ${shellQuote(context.graphEndpoint)} --body ${shellQuote(body)}`
}

// Microsoft Graph, "Add owner" (POST /servicePrincipals/{id}/owners/$ref, POST /applications/{id}/owners/$ref,
// body {"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}):
// https://learn.microsoft.com/graph/api/serviceprincipal-post-owners and
// https://learn.microsoft.com/graph/api/application-post-owners. `az rest --resource` names the resource the CLI gets
// its token for, which it cannot work out from a URL outside its cloud's endpoints
// (https://learn.microsoft.com/cli/azure/reference-index#az-rest); the CLI signs in to the cloud `az cloud set` chose.
/** The command that makes the caller an owner of the target; single quotes keep `$ref` from the shell. */
export function addOwnerCommand(
  context: Pick<HintContext, 'graphEndpoint' | 'targetKind' | 'targetId' | 'callerObjectId'>
): string {
  const url = `${context.graphEndpoint}/v1.0/${context.targetKind}/${context.targetId}/owners/$ref`
  const body = JSON.stringify({
    '@odata.id': `${context.graphEndpoint}/v1.0/directoryObjects/${context.callerObjectId}`
  })
  return `az rest --method POST --url ${shellQuote(url)} --resource ${shellQuote(context.graphEndpoint)} --body ${shellQuote(body)}`
}

// The Azure CLI's cloud names (https://learn.microsoft.com/cli/azure/manage-clouds-azure-cli); DoD signs in as
// AzureUSGovernment and reaches its Graph through --resource.
const AZ_CLOUDS: Readonly<Record<string, string>> = {
  global: 'AzureCloud',
  'us-gov': 'AzureUSGovernment',
  'us-gov-dod': 'AzureUSGovernment',
  china: 'AzureChinaCloud'
}

/** What ownership of the target gives the workflow, said wherever a hint offers it (README, “What least privilege grants here”). */
const OWNERSHIP_GRANTS =
  'ownership lets this workflow add credentials to the target and act as it: review what the target holds first'

// Who may add an owner: an owner of the object, or at least a Cloud Application Administrator
// (https://learn.microsoft.com/entra/identity/enterprise-apps/assign-app-owners,
// https://learn.microsoft.com/graph/api/serviceprincipal-post-owners).
function ownerCommandFix(c: HintContext): string {
  const azCloud = AZ_CLOUDS[c.cloud]
  const signIn =
    azCloud === undefined
      ? 'signed in with `az cloud set --name <the cloud’s name>` and `az login`'
      : azCloud === 'AzureCloud'
        ? 'signed in with `az login`'
        : `signed in with \`az cloud set --name ${azCloud}\` and \`az login\``
  return `Make the app’s service principal an owner of the target (${OWNERSHIP_GRANTS}); run, ${signIn}, as an owner of the target or at least a Cloud Application Administrator: ${addOwnerCommand(c)}`
}

/**
 * `text` as one single-quoted shell word. Printed commands carry values from the token (a branch name may hold `'`)
 * and from inputs: quoted this way, none of them can end the word and run something of its own when pasted.
 */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`
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
  return `az ad app federated-credential create --id ${context.clientId} --parameters ${shellQuote(parameters)}`
}

/**
 * A federated credential name Entra accepts: Graph allows up to 120 URL-friendly characters
 * (https://learn.microsoft.com/graph/api/resources/federatedidentitycredential), and the stricter rule for managed
 * identities' credentials is 3–120 characters starting with a letter or digit, then letters, digits, '-' and '_'
 * (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity).
 * The "github-" lead makes every name at least 6 characters and letter-first, whatever the subject.
 */
export function credentialName(subject: string): string {
  const name = `github-${subject}`
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '')
  return name.slice(0, 120)
}

// Immutable subject claims: "repo:OWNER@OWNER-ID/REPO@REPO-ID:…", the default for repositories created or renamed on or
// after 2026-07-15 and for those an administrator opted in
// (https://docs.github.com/en/actions/reference/security/oidc#immutable-subject-claims,
// https://github.blog/changelog/2026-04-23-immutable-subject-claims-for-github-actions-oidc-tokens/,
// https://learn.microsoft.com/entra/workload-id/workload-identities-github-immutable-subjects).
const IMMUTABLE_SUBJECT = /^repo:[^/:@]+@\d+\/[^/:@]+@\d+:/
const NAMES_SUBJECT = /^repo:[^/:@]+\/[^/:@]+:/
const IMMUTABLE_SUBJECT_CAUSE =
  'Possibly, too, the credential and the token use different subject forms: GitHub presents `repo:OWNER@OWNER-ID/REPO@REPO-ID:…` for repositories created or renamed on or after 2026-07-15 or opted in, `repo:OWNER/REPO:…` otherwise; the action cannot see the credential to tell.'

/** Which of GitHub's two subject forms the presented subject is in; undefined for an organisation's own template. */
export function subjectForm(subject: string): 'immutable' | 'names' | undefined {
  if (IMMUTABLE_SUBJECT.test(subject)) return 'immutable'
  return NAMES_SUBJECT.test(subject) ? 'names' : undefined
}

/** Compare, then the one change: a credential holds one subject, so the one meant for this job takes the presented one. */
function subjectFixes(c: HintContext): string[] {
  return [
    `Compare the subject presented (${c.subject}) with the subjects of app ${c.clientId}’s federated credentials: az ad app federated-credential list --id ${c.clientId} --query "[].subject"`,
    `Change the subject of the credential meant for this job to exactly the one presented: ${c.subject}`
  ]
}

/**
 * The part of the presented subject before its context (`:environment:`, `:ref:`, `:pull_request`,
 * `:job_workflow_ref:` …): `repo:owner/repo`, its immutable form, or an organisation's customised prefix.
 */
export function subjectPrefix(c: Pick<HintContext, 'subject' | 'repository'>): string {
  const context = /:(?:environment:|ref:|pull_request|job_workflow_ref:|workflow_ref:|context:)/.exec(c.subject)
  return context ? c.subject.slice(0, context.index) : `repo:${c.repository}`
}

/** What a credential for exactly this subject trusts, said so the reader sees how wide it is. */
function trustWidening(subject: string): string {
  if (/:pull_request(?::|$)/.test(subject)) return 'every pull-request workflow run in this repository, from any branch'
  if (/:ref:/.test(subject)) return 'any workflow or job that runs on this ref, not protected by an environment’s rules'
  return 'any workflow whose token presents this subject, not protected by an environment’s rules'
}

// validateCredentials, delegated: Synchronization.ReadWrite.All with at least the Cloud Application Administrator role;
// answers 204 when the credentials work (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-validatecredentials).
const jobsUrl = (c: HintContext): string => `${c.graphEndpoint}/v1.0/${c.targetKind}/${c.targetId}/synchronization/jobs`

/** The fixes when the token lacks a write permission for synchronization: least privilege first, then the broader one. */
function grantPermissionFixes(c: HintContext): string[] {
  return [
    `Grant app ${c.clientId} the Microsoft Graph application permission ${LEAST_PRIVILEGED_PERMISSION}, and only that: as an administrator who may grant admin consent to Microsoft Graph’s application permissions, look up Microsoft Graph’s service principal in this tenant (${GRAPH_SP_LOOKUP}), then run with its id in place of ${GRAPH_SP_PLACEHOLDER}: ${grantOwnedByCommand(c)}`,
    `Then make its service principal an owner of the target (${OWNERSHIP_GRANTS}): ${addOwnerCommand(c)}`,
    `Broader alternative, only if ownership is not wanted (it reaches every application’s synchronization in the tenant): ${BROADER_PERMISSION} with admin consent.`
  ]
}

/** Where a target's object ID comes from, and where it goes: one hint with the command, one on tenant and cloud. */
function objectIdFixes(c: HintContext): string[] {
  const show =
    c.targetKind === 'servicePrincipals'
      ? 'az ad sp show --id <appId> --query id -o tsv'
      : 'az ad app show --id <appId> --query id -o tsv'
  return [
    `${targetInput(c)} takes the object ID of the target (a service principal’s, the Enterprise application’s, in service-principal-id; an application registration’s in application-id), not an application (client) ID: ${show}`,
    `The object must be in tenant ${c.tenantId} of cloud ${c.cloud}.`
  ]
}

const targetInput = (context: HintContext): string =>
  context.targetKind === 'servicePrincipals' ? 'service-principal-id' : 'application-id'

const NETWORK_CHECK =
  'Check that the runner can reach the host (DNS, firewall, HTTPS_PROXY / NO_PROXY, TLS inspection certificates in NODE_EXTRA_CA_CERTS), then re-run the job.'

// Issuer forms: github.com (https://docs.github.com/en/actions/reference/security/oidc); an enterprise that turned on
// its own issuer with the "custom issuer policy" API, include_enterprise_slug
// (https://docs.github.com/en/enterprise-cloud@latest/rest/actions/oidc); GitHub Enterprise Server
// (https://HOST/_services/token); GHE.com, "The OIDC token is issued from https://token.actions.SUBDOMAIN.ghe.com"
// (https://docs.github.com/en/enterprise-cloud@latest/admin/data-residency/network-details-for-ghecom). GitHub's
// documents show no path after the GHE.com host, so no `/<subdomain>` form is listed.
const ISSUER_FORMS =
  `github.com: ${GITHUB_ISSUER}; an enterprise that turned on its own issuer: ${GITHUB_ISSUER}/<enterprise-slug>; ` +
  'GitHub Enterprise Server: https://<HOST>/_services/token; GHE.com: https://token.actions.<subdomain>.ghe.com'

const entries = {
  'invalid-input': {
    stage: 'inputs',
    title: 'An input is missing or not valid',
    identifiedBy: '`InvalidInput`, before any request',
    distinguishedBy: 'each line names the input and what it allows; nothing was sent anywhere',
    cause:
      'The step’s `with:` values do not pass validation; a required input that is empty usually comes from a `${{ vars.… }}` or `${{ secrets.… }}` that is not set where the job runs.',
    fixes: () => [
      'Correct each input the lines above name; for an empty one, check that the variable or secret exists in the repository, or in the environment the job names.'
    ]
  },
  // https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request
  // ("Workflows in forked repositories"); the setting for private and internal repositories, "Send write tokens to
  // workflows from pull requests": https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository
  'oidc-fork-pull-request': {
    stage: 'GitHub OIDC',
    title: 'No OIDC token service: a pull request from a fork',
    identifiedBy: '`OidcTokenUnavailable`, `ACTIONS_ID_TOKEN_REQUEST_URL` not set',
    distinguishedBy:
      'the event is `pull_request`, `pull_request_review` or `pull_request_review_comment` and the pull request’s head repository is another than its base (read from the job’s context)',
    cause:
      'By default GitHub gives workflows run for pull requests from forks a read-only GITHUB_TOKEN and no secrets, so no OIDC token. For private and internal repositories an administrator can change that with the setting “Send write tokens to workflows from pull requests”, which hands write tokens to code from any fork: it widens trust.',
    fixes: () => [
      'Do not run this step for pull requests from forks: add `if: ${{ !github.event.pull_request || github.event.pull_request.head.repo.full_name == github.repository }}` to the job (the first part keeps it running for events that are not pull requests).',
      'Authorize provisioning from a trusted event instead, such as `push` to the default branch, `release` or `workflow_dispatch`.'
    ]
  },
  // A called workflow's permissions "can be only downgraded (not elevated) by the called workflow":
  // https://docs.github.com/en/actions/sharing-automations/reusing-workflows#access-and-permissions
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
  // The runner sets ACTIONS_ID_TOKEN_REQUEST_URL and …_TOKEN only for a job granted `id-token: write`
  // (https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/configuring-openid-connect-in-cloud-providers#adding-permissions-settings): here it did,
  // so the permission is not what is missing.
  'oidc-refused': {
    stage: 'GitHub OIDC',
    title: 'The token service refused the request',
    identifiedBy: '`OidcTokenUnavailable`, the token service answered HTTP 401 or 403',
    distinguishedBy:
      'the runner offered the service (ACTIONS_ID_TOKEN_REQUEST_URL set), so the job has `id-token: write`; the service refused the request token',
    cause:
      'The runner offered this job GitHub’s token service, which it does only for a job granted `id-token: write`, and the service refused the request token the runner gave the job: it was not accepted (for example, it had expired).',
    fixes: () => ['Re-run the job: the runner gives each run a fresh request token.']
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
    cause: `No federated credential of the app trusts this subject. Entra does not say which subject it expected; a credential for a deployment environment expects \`<prefix>:environment:<name>\`, which a job only presents when it declares \`environment:\`. ${IMMUTABLE_SUBJECT_CAUSE}`,
    fixes: (c: HintContext) => [
      `If the app’s federated credential names an environment (subject ${subjectPrefix(c)}:environment:<name>), add \`environment: <name>\` to the job; the token then presents that subject and the environment’s protection rules apply.`,
      `Only if this workflow should be trusted without an environment (wider than a protected environment: ${trustWidening(c.subject)}), add a credential for exactly this subject: ${federatedCredentialCommand(c)}`
    ]
  },
  'entra-subject-immutable-form': {
    stage: 'Entra',
    title: 'Subject not trusted: the token presents the immutable form',
    identifiedBy: '`AADSTS700213`',
    distinguishedBy: 'the token names an environment, and its subject is `repo:OWNER@OWNER-ID/REPO@REPO-ID:…`',
    cause:
      'The token presents the immutable subject form (`repo:OWNER@OWNER-ID/REPO@REPO-ID:…`, GitHub’s default for repositories created or renamed on or after 2026-07-15, or opted in), and no federated credential of the app trusts it: a credential written with names only (`repo:OWNER/REPO:…`) does not match it.',
    fixes: subjectFixes
  },
  'entra-subject-names-form': {
    stage: 'Entra',
    title: 'Subject not trusted: the token presents the names form',
    identifiedBy: '`AADSTS700213`',
    distinguishedBy: 'the token names an environment, and its subject is `repo:OWNER/REPO:…`',
    cause:
      'The token presents the names subject form (`repo:OWNER/REPO:…`), and no federated credential of the app trusts it: a credential written in the immutable form (`repo:OWNER@OWNER-ID/REPO@REPO-ID:…`) does not match it, nor one naming another environment, repository or owner.',
    fixes: subjectFixes
  },
  'entra-subject-mismatch': {
    stage: 'Entra',
    title: 'Subject not trusted',
    identifiedBy: '`AADSTS700213`',
    distinguishedBy:
      'the token names an environment, in a subject the organisation customised (neither of GitHub’s two forms)',
    cause:
      'No federated credential of the app trusts the subject the token presents, which follows the organisation’s own subject template; Entra does not say which subjects it holds.',
    fixes: subjectFixes
  },
  // Federated identity credentials match issuer and subject case-sensitively:
  // https://learn.microsoft.com/entra/identity-platform/reference-breaking-changes (federated identity credentials
  // now use case-sensitive matching).
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
      // The issuer comes from the token's claims, decoded without verifying its signature: trusting it is a decision.
      `Only if ${c.issuer} is your own GitHub’s issuer (your enterprise’s, or your GitHub Enterprise Server instance’s; the action read it from the token without verifying its signature): set the federated credential’s issuer to exactly ${c.issuer} (no trailing "/"). This trusts every token that issuer signs for this subject.`,
      `Adding a second credential for it instead keeps trusting the old issuer as well; only while moving from one to the other: ${federatedCredentialCommand(c)}`
    ]
  },
  'entra-audience-input': {
    stage: 'Entra',
    title: 'No federated credential holds the audience the audience input asks for',
    identifiedBy: '`AADSTS70021`',
    distinguishedBy: `the audience input is set to neither the cloud’s default nor ${EXCHANGE_AUDIENCE}`,
    cause:
      'The step’s audience input asks GitHub for an audience that is neither this cloud’s default nor the one Entra documents for external identity providers, and no federated credential of the app holds it with this issuer and subject.',
    fixes: (c: HintContext) => [
      `Remove the audience input: the token then asks for this cloud’s default, ${c.cloudAudience}${c.cloudAudience === EXCHANGE_AUDIENCE ? '' : ` (if the credential holds ${EXCHANGE_AUDIENCE}, set \`audience: ${EXCHANGE_AUDIENCE}\` instead)`}.`
    ]
  },
  'entra-no-matching-credential': {
    stage: 'Entra',
    title: 'No federated credential matches issuer, subject and audience together',
    identifiedBy: '`AADSTS70021`',
    distinguishedBy:
      'Entra does not say which part failed; the audience is the usual one when the issuer and subject are right (a credential holds exactly one audience)',
    cause: 'No federated credential of the app holds this issuer, subject and audience together.',
    // "A token request made several minutes after configuring the federated identity credential may fail …
    // AADSTS70021" (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations).
    fixes: (c: HintContext) => [
      ...audienceFixes(c),
      `Compare the presented issuer (${c.issuer}), subject (${c.subject}) and audience (${c.audience}) with the app’s credentials: az ad app federated-credential list --id ${c.clientId}`,
      'If they match and the credential was added in the last several minutes, it may not be in effect yet (Entra documents AADSTS70021 for that time too): re-run the job later.'
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
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes: "AADSTS700024 Client assertion is not
  // within its valid time range"; AADSTS500133 says the same of an assertion ("Assertion isn't within its valid time
  // range"), documented for on-behalf-of user assertions and kept here because it can only mean the same for ours.
  // GitHub writes the token's iat, nbf and exp and Entra checks them against its own clock: the runner passes the
  // token through unchanged, so its clock plays no part.
  'entra-assertion-time': {
    stage: 'Entra',
    title: 'GitHub OIDC token outside its valid time range',
    identifiedBy: '`AADSTS700024`, `AADSTS500133`',
    distinguishedBy:
      'Entra reports the assertion outside its valid time range (500133 is Microsoft’s code for an on-behalf-of user assertion; it means the same here)',
    cause:
      'Entra found the GitHub token outside its valid time range (GitHub’s tokens are short-lived): too much time passed between fetching it and the exchange, or it was issued for another time. The runner’s clock plays no part: GitHub sets the token’s times and Entra checks them with its own clock.',
    fixes: () => [
      'Re-run the job: the action fetches a fresh token right before the exchange.',
      'If it recurs, check that no step before this one fetches the GitHub token and hands it on: this action fetches its own.'
    ]
  },
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes: "AADSTS700027 Client assertion failed
  // signature validation." A wrong issuer is AADSTS700211, found before the signature is checked. To check it, Entra
  // reads the issuer's OpenID configuration and its keys (https://learn.microsoft.com/entra/workload-id/workload-identity-federation,
  // "How it works"), so a GitHub Enterprise Server issuer must be reachable from the internet.
  'entra-assertion-signature': {
    stage: 'Entra',
    title: 'GitHub OIDC token failed signature validation',
    identifiedBy: '`AADSTS700027`',
    distinguishedBy: 'the code says only that the signature did not validate; the issuer itself matched a credential',
    cause: 'Entra could not validate the token’s signature with the keys published by the issuer it names.',
    fixes: (c: HintContext) => [
      `Entra fetches ${c.issuer || '<issuer>'}/.well-known/openid-configuration and the keys (JWKS) it names: on GitHub Enterprise Server that host must be reachable from the internet. Then re-run the job; if it persists, quote trace-id and correlation-id in a support ticket.`
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
    title: 'No synchronization permission in the token',
    identifiedBy: 'HTTP 401 (`UnknownError` or an empty message) or 403',
    distinguishedBy: `the token’s \`roles\` hold neither synchronization permission and it carries no directory role that manages provisioning (${ROLE_NAMES})`,
    cause: `The token’s roles hold neither ${LEAST_PRIVILEGED_PERMISSION} nor ${BROADER_PERMISSION} (its roles are listed above): neither is granted with admin consent, or a grant made in the last minutes has not yet reached newly issued tokens (re-run the job later).`,
    fixes: grantPermissionFixes
  },
  'graph-not-owner': {
    stage: 'Graph',
    title: 'Not an owner of the target',
    identifiedBy:
      'HTTP 403 `Authorization_RequestDenied` (or 401); in a dry-run, the check “Ownership of the target” (`NotTargetOwner`): the target’s owners do not include the token’s `oid`',
    distinguishedBy: `the token’s \`roles\` include ${LEAST_PRIVILEGED_PERMISSION}, which reaches only objects the app owns`,
    // The real call does not read the owners: its evidence is the permission and the refusal, and the cause says so.
    // The dry-run's Ownership check reads them, and fails with this entry only when the token's oid is not among them.
    cause: `The app’s only synchronization permission is ${LEAST_PRIVILEGED_PERMISSION}, which reaches only objects its service principal owns, and Graph refused: the target is not owned by it, unless the dry-run’s Ownership check shows otherwise.`,
    fixes: (c: HintContext) => [
      ownerCommandFix(c),
      `Broader alternative, only if ownership is not wanted (it reaches every application’s synchronization in the tenant): ${BROADER_PERMISSION} with admin consent.`
    ]
  },
  'graph-token-unreadable': {
    stage: 'Graph',
    title: 'Refused, and the access token could not be read',
    identifiedBy: 'HTTP 401 or 403',
    distinguishedBy: 'the action could not decode the access token Entra gave it, so its permissions are unknown',
    cause:
      'Graph refused, and the action could not read the permissions in its access token, so which one is missing is not known.',
    fixes: () => [
      `Run the step with \`dry-run: true\`: it checks, without writing, that the app holds ${LEAST_PRIVILEGED_PERMISSION} with admin consent and owns the target, and names the fix of what is missing.`
    ]
  },
  'graph-denied': {
    stage: 'Graph',
    title: 'Refused although the token carries a permission or role',
    identifiedBy: 'HTTP 401 or 403',
    distinguishedBy: `the token holds ${BROADER_PERMISSION} or a directory role that manages provisioning (${ROLE_NAMES}) and Graph still refused`,
    cause:
      'The token carries a permission or directory role (named above) that should allow this call; the evidence shows no cause for the refusal.',
    fixes: () => [
      'Check the target is the one you mean and that the permission or role applies to it; if so, quote request-id, client-request-id and date in a support ticket.'
    ]
  },
  // An access token Entra issues lasts 60–90 minutes (https://learn.microsoft.com/entra/identity-platform/access-tokens#token-lifetime),
  // and the expiry finding compares it with the runner's clock: in a run of seconds, a clock that is wrong.
  'graph-token-mismatch': {
    stage: 'Graph',
    title: 'The token is not for this call',
    identifiedBy: 'HTTP 401 `InvalidAuthenticationToken`',
    distinguishedBy:
      'the token’s audience differs from the host called, its tenant from tenant-id, or the runner’s clock says it has expired',
    cause: 'Graph rejected the token itself, not a permission: the token check above names what does not match.',
    fixes: (c: HintContext) => [
      `If the audience differs: graph-endpoint (${c.graphEndpoint}) and cloud (${c.cloud}) must name the Graph of the tenant’s cloud; remove graph-endpoint to use the cloud’s.`,
      `If the tenant differs: set tenant-id to the tenant that holds the target (now ${c.tenantId}).`,
      'If the runner’s clock says this token had expired: a token Entra has just issued lasts about an hour, so in a short run the runner’s clock is likely wrong and Graph refused for another reason: synchronise the clock and re-run.'
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
    fixes: grantPermissionFixes
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
  'graph-target-is-client-id': {
    stage: 'Graph',
    title: 'The target id is the automation’s client ID',
    identifiedBy: 'HTTP 404 `Request_ResourceNotFound`',
    distinguishedBy: 'service-principal-id or application-id holds the same GUID as client-id',
    cause:
      'The target input holds the same GUID as client-id: that is the automation app’s application (client) ID, not the object ID of the target to provision.',
    fixes: objectIdFixes
  },
  'graph-object-not-found': {
    stage: 'Graph',
    title: 'Target object not found',
    identifiedBy: 'HTTP 404 `Request_ResourceNotFound`',
    distinguishedBy: 'the id given is not an object of the input’s kind in this tenant',
    cause:
      'No object of the kind the input names (service-principal-id: a service principal, application-id: an application registration) has this object ID in this tenant.',
    fixes: objectIdFixes
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
  // Graph, "synchronizationJob: validateCredentials" (POST …/synchronization/jobs/{id}/validateCredentials;
  // useSavedCredentials: true tests the previously saved credentials and ignores `credentials`; 204 when valid):
  // https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-validatecredentials. An authorization
  // code "MUST NOT be used more than once" (RFC 6749 §4.1.2, https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2);
  // the portal's Test Connection: https://learn.microsoft.com/entra/identity/app-provisioning/configure-automatic-user-provisioning-portal
  'graph-outcome-unknown': {
    stage: 'Graph',
    title: 'Authorization may have succeeded: a code was sent and its answer was lost',
    identifiedBy: '`OutcomeUnknown` at the Graph stage',
    distinguishedBy:
      'credentials include `Oauth2AuthorizationCode`, and the last attempt was sent but got no answer (timeout, dropped connection), an answer it could not read, or HTTP 500, 502, 504, or 503 without Retry-After; the action does not send a single-use code again',
    cause:
      'The request carrying the authorization code was sent, but whether Graph processed it is unknown: the authorization may have succeeded and used up the code. The action did not retry, since a second use of a code is refused either way.',
    fixes: (c: HintContext) => [
      `Check before obtaining a new code: the target’s Provisioning page in the Microsoft Entra admin center tests the saved credentials (Test Connection, under Admin Credentials); or, signed in as at least a Cloud Application Administrator, list the target’s jobs (az rest --method GET --url ${shellQuote(jobsUrl(c))} --resource ${shellQuote(c.graphEndpoint)} --query "value[].id") and test one: az rest --method POST --url ${shellQuote(`${jobsUrl(c)}/<job-id>/validateCredentials`)} --resource ${shellQuote(c.graphEndpoint)} --body '{"useSavedCredentials":true}'`,
      'If the test passes, provisioning is authorized (by this run’s code, or by credentials saved earlier) and nothing needs to be done now; if it fails, obtain a fresh authorization code from the target application’s consent, update the credentials secret, and re-run the job.'
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
    distinguishedBy: 'DNS, connection, proxy or TLS failure before the request was sent',
    cause: 'The runner could not connect to the Graph host.',
    fixes: () => [NETWORK_CHECK]
  },
  'graph-connection-lost': {
    stage: 'Graph',
    title: 'The connection closed before Graph’s answer',
    identifiedBy: '`NetworkError` at the Graph stage',
    distinguishedBy: 'the request was sent; the connection closed (reset) before an answer came back',
    cause: 'The connection to the Graph host closed after the request was sent and before an answer arrived.',
    fixes: () => [
      'Re-run the job; if it persists, check the proxies and TLS-inspecting gateways between the runner and the Graph host (HTTPS_PROXY / NO_PROXY).'
    ]
  },
  'graph-answer-unreadable': {
    stage: 'Graph',
    title: 'An answer arrived that could not be read',
    identifiedBy: '`NetworkError` at the Graph stage with an HTTP parse error (`HPE_…`, such as `HPE_HEADER_OVERFLOW`)',
    distinguishedBy:
      'the request was sent and an answer arrived, but it was not readable HTTP (headers over Node’s size limit, a malformed status line or header)',
    cause:
      'An answer arrived from the Graph host, or from something between the runner and it, but could not be read as HTTP, so what it said is unknown.',
    fixes: () => [
      'Re-run the job; if it persists, check the proxies and TLS-inspecting gateways between the runner and the Graph host (HTTPS_PROXY / NO_PROXY): one of them may be answering instead of Graph.'
    ]
  },
  // Graph's beta metadata marks acquireAccessToken and synchronizationSecret deprecated on 2026-02-06 with removal
  // on 2027-07-06 ("Code Grant will be completely deprecated so this action will be obsolete"); v1.0 has no mark.
  // It names no replacement for the action itself; of synchronizationSecretKeyStringValuePair it says "Use
  // connectivityParameterEntry instead. This type will be removed.", of synchronization/secrets "Use
  // connectivityParameters for oauth flows and scim endpoint connectivity. …" (microsoftgraph/msgraph-metadata,
  // schemas/beta-USNat.csdl and beta-USSec.csdl at f54f11b60956ea7b185ca0447b2b80805836ec7b, 2026-08-20).
  'beta-deprecated': {
    stage: 'warning',
    title: 'api-version beta is deprecated',
    identifiedBy: '`api-version: beta`',
    distinguishedBy: 'warned on every run with beta, whether or not Graph sends Deprecation headers',
    cause:
      'Graph’s beta metadata marks acquireAccessToken deprecated since 2026-02-06, to be removed on 2027-07-06; v1.0 carries no such mark. It names no replacement for acquireAccessToken; of the credentials’ type it says “Use connectivityParameterEntry instead”, and of synchronization secrets “Use connectivityParameters for oauth flows”.',
    fixes: () => ['Set `api-version: v1.0` (or remove the input).']
  },
  'graph-deprecation-header': {
    stage: 'warning',
    title: 'Graph announced deprecation in its answer',
    identifiedBy: '`Deprecation` or `Sunset` response headers',
    distinguishedBy: 'the headers’ dates are shown as Graph sent them',
    cause: 'Graph announced that this API version of acquireAccessToken is going away.',
    // One fix per api-version; the warning prints the one for the version in use (beta first).
    fixes: () => [
      'On beta: set `api-version: v1.0` (or remove the input).',
      'On v1.0: follow the Link header Graph sent; Graph names no replacement for acquireAccessToken.'
    ]
  },
  'audience-not-cloud-default': {
    stage: 'warning',
    title: 'The audience input is neither the cloud’s default nor api://AzureADTokenExchange',
    identifiedBy: `\`audience\` set to something other than the cloud’s audience and ${EXCHANGE_AUDIENCE}`,
    distinguishedBy: 'a warning only; the run goes on',
    cause: `The GitHub OIDC token is requested for an audience that is neither this cloud’s default nor ${EXCHANGE_AUDIENCE}, the value Entra documents for external identity providers.`,
    fixes: (c: HintContext) => [
      `Keep it only if app ${c.clientId}’s federated credential holds exactly ${c.audience}; otherwise remove the audience input.`
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

// Audiences. Entra documents api://AzureADTokenExchange for external identity providers, and a credential holds
// exactly one audience ("Federated identity credentials must have exactly one audience":
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations#errors;
// https://learn.microsoft.com/graph/api/resources/federatedidentitycredential). Azure/login's `audience` input defaults
// to api://AzureADTokenExchange in every cloud (https://github.com/Azure/login/blob/master/action.yml), as does Azure
// PowerShell's New-AzADAppFederatedCredential -Audience
// (https://learn.microsoft.com/powershell/module/az.resources/new-azadappfederatedcredential). Microsoft Learn does
// not state what a national cloud's portal pre-fills; api://AzureADTokenExchangeUSGov and …China are the values it
// documents per cloud for managed-identity credentials
// (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity).
function audienceFixes(c: HintContext): string[] {
  const other = c.audience === EXCHANGE_AUDIENCE ? c.cloudAudience : EXCHANGE_AUDIENCE
  if (other === c.audience) return []
  const national =
    c.cloudAudience === EXCHANGE_AUDIENCE
      ? ''
      : `; one made in a national cloud’s portal may hold that cloud’s audience (${c.cloudAudience})`
  return [
    `The token presented audience ${c.audience}. A credential made with Azure/login’s or Azure PowerShell’s defaults holds ${EXCHANGE_AUDIENCE}${national}. If the credential holds ${other}, set \`audience: ${other}\`, or change the credential’s audience to ${c.audience} (a credential holds exactly one audience).`
  ]
}
