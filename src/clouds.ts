/**
 * The clouds whose Graph the action can address. Tokens of one are refused by another. Graph's acquireAccessToken page
 * marks the API unavailable in China operated by 21Vianet (its national-cloud table,
 * https://learn.microsoft.com/graph/api/synchronization-synchronization-acquireaccesstoken); the action still lets
 * `cloud: china` address that Graph, whose answer then speaks for itself.
 */
export type CloudName = 'global' | 'us-gov' | 'us-gov-dod' | 'china'

export interface Cloud {
  name: CloudName
  /** Human name for logs and the job summary. */
  title: string
  graphEndpoint: string
  authorityHost: string
  /** Audience the federated credential of this cloud expects in the GitHub OIDC token. */
  audience: string
}

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = {
  global: {
    name: 'global',
    title: 'Global (Azure public)',
    graphEndpoint: 'https://graph.microsoft.com',
    authorityHost: 'https://login.microsoftonline.com',
    audience: 'api://AzureADTokenExchange'
  },
  'us-gov': {
    name: 'us-gov',
    title: 'US Government L4',
    graphEndpoint: 'https://graph.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    audience: 'api://AzureADTokenExchangeUSGov'
  },
  'us-gov-dod': {
    name: 'us-gov-dod',
    title: 'US Government L5 (DoD)',
    graphEndpoint: 'https://dod-graph.microsoft.us',
    authorityHost: 'https://login.microsoftonline.us',
    audience: 'api://AzureADTokenExchangeUSGov'
  },
  china: {
    name: 'china',
    title: 'China (21Vianet)',
    graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    audience: 'api://AzureADTokenExchangeChina'
  }
}

/** azure/login's environment names, so a workflow can reuse the value it already passes there. */
const ALIASES: Readonly<Record<string, CloudName>> = {
  azurecloud: 'global',
  azureusgovernment: 'us-gov',
  azurechinacloud: 'china'
}

export const CLOUD_CHOICES = 'global, us-gov, us-gov-dod, china (or AzureCloud, AzureUSGovernment, AzureChinaCloud)'

/** The cloud named by the `cloud` input (case-insensitive), or undefined when the name is unknown. */
export function resolveCloud(input: string): Cloud | undefined {
  const wanted = input.trim().toLowerCase()
  const name = (Object.keys(CLOUDS) as CloudName[]).find((n) => n === wanted) ?? ALIASES[wanted]
  return name ? CLOUDS[name] : undefined
}

/**
 * The audience Entra documents for external identity providers, valid in every cloud
 * (https://learn.microsoft.com/graph/api/resources/federatedidentitycredential): a credential made with Azure/login's
 * or Azure PowerShell's defaults holds it.
 */
export const EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange'

/** Whether the `audience` input asks for a value that is neither the cloud's default nor EXCHANGE_AUDIENCE. */
export function unusualAudience(audience: string, cloud: Cloud): boolean {
  return audience !== cloud.audience && audience !== EXCHANGE_AUDIENCE
}
