import { hintContext, hintsFor, type CatalogueId } from './catalogue.js'
import { unusualAudience } from './clouds.js'
import type { ActionConfig } from './inputs.js'

/**
 * Warnings the configuration alone calls for, before anything is sent: api-version beta (deprecated whatever Graph's
 * headers say) and an audience that is neither the cloud's default nor
 * api://AzureADTokenExchange (both are documented values). Each is a catalogue entry's cause and fixes.
 */
export function configWarnings(config: ActionConfig): string[] {
  const ids: CatalogueId[] = []
  if (config.apiVersion === 'beta') ids.push('beta-deprecated')
  if (unusualAudience(config.audience, config.cloud)) ids.push('audience-not-cloud-default')
  return ids.map((id) => hintsFor(id, hintContext(config)).join(' '))
}
