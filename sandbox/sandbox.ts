import { randomUUID } from 'node:crypto'
import { EntraService } from './entra.js'
import { nowSeconds, signJwt } from './jwt.js'
import { GitHubOidcService, defaultGitHubOidcSettings } from './github-oidc.js'
import { GraphService } from './graph.js'
import { sampleDirectory, SAMPLE, type Directory } from './directory.js'
import { createTls, type SandboxTls } from './tls.js'
import type { Party } from './party.js'

export interface SandboxOptions {
  /** Extra host names in the certificate (for tests that reach the sandbox by name through a proxy). */
  hostNames?: readonly string[]
}

/** GitHub OIDC, Entra and Graph on 127.0.0.1 over real HTTPS, sharing one directory. */
export class Sandbox {
  directory: Directory = sampleDirectory()
  readonly github = new GitHubOidcService()
  readonly entra = new EntraService(
    () => this.directory,
    () => [{ issuer: this.github.settings.issuer, keys: [this.github.key] }]
  )
  readonly graph = new GraphService(
    () => this.directory,
    () => this.entra.key
  )

  private constructor(readonly tls: SandboxTls) {}

  static async start(options: SandboxOptions = {}): Promise<Sandbox> {
    const sandbox = new Sandbox(createTls(options.hostNames ?? []))
    await Promise.all(sandbox.parties().map((party) => party.start(sandbox.tls)))
    sandbox.entra.resources.add(sandbox.graph.party.url())
    for (const name of options.hostNames ?? []) sandbox.entra.resources.add(sandbox.graph.party.url(name))
    return sandbox
  }

  parties(): Party[] {
    return [this.github.party, this.entra.party, this.graph.party]
  }

  /** The runner's environment for a job with `permissions: id-token: write`, trusting the sandbox CA. */
  runnerEnv(oidcHost?: string): Record<string, string> {
    return {
      ACTIONS_ID_TOKEN_REQUEST_URL: this.github.requestUrl(oidcHost),
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: this.github.requestToken,
      NODE_EXTRA_CA_CERTS: this.tls.caPath
    }
  }

  /** Inputs of a step that works against this sandbox: the sample tenant, app and service principal. */
  inputs(hosts: { entra?: string; graph?: string } = {}): Record<string, string> {
    return {
      'tenant-id': SAMPLE.tenantId,
      'client-id': SAMPLE.clientId,
      'service-principal-id': SAMPLE.servicePrincipalId,
      'authority-host': this.entra.party.url(hosts.entra),
      'graph-endpoint': this.graph.party.url(hosts.graph)
    }
  }

  /** Every secret the sandbox handed out: what must never be visible in the action's log, outputs or summary. */
  issuedSecrets(): string[] {
    return [this.github.requestToken, ...this.github.issued, ...this.entra.issued]
  }

  /** A token an administrator of the tenant would hold for Graph (Application.ReadWrite.All), to apply fixes. */
  administratorToken(): string {
    const now = nowSeconds()
    return signJwt(
      {
        aud: this.graph.party.url(),
        tid: this.directory.tenantId,
        oid: randomUUID(),
        roles: ['Application.ReadWrite.All'],
        iat: now,
        nbf: now,
        exp: now + 600
      },
      this.entra.key
    )
  }

  /** Back to the sample directory and settings, with no faults queued and no requests recorded. */
  reset(): void {
    this.directory = sampleDirectory()
    this.graph.redeemedCodes.clear()
    this.graph.singleUseCodes = false
    this.graph.ownedByReadsEveryObject = true
    this.github.settings = defaultGitHubOidcSettings()
    this.entra.aliases.clear()
    for (const party of this.parties()) party.reset()
  }

  async stop(): Promise<void> {
    await Promise.all(this.parties().map((party) => party.stop()))
    this.tls.dispose()
  }
}
