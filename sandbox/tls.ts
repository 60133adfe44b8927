import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SandboxTls {
  /** PEM of the throwaway CA: child processes trust it through NODE_EXTRA_CA_CERTS=caPath. */
  caPath: string
  cert: string
  key: string
  dispose(): void
}

/**
 * A throwaway CA and a server certificate for 127.0.0.1, localhost and `extraNames`, made with the openssl CLI
 * (on every Linux runner) so the sandbox needs no certificate library. EC keys: fast to generate.
 */
export function createTls(extraNames: readonly string[] = []): SandboxTls {
  const dir = mkdtempSync(join(tmpdir(), 'entra-sandbox-tls-'))
  const file = (name: string): string => join(dir, name)
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'pipe' })
  }
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  openssl(
    'req',
    '-x509',
    ...ecKey,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Entra provisioning action sandbox CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign'
  )
  openssl('req', ...ecKey, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost')
  const names = ['DNS:localhost', 'IP:127.0.0.1', ...extraNames.map((name) => `DNS:${name}`)]
  writeFileSync(
    file('ext.cnf'),
    `subjectAltName=${names.join(',')}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`
  )
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '2',
    '-extfile',
    file('ext.cnf')
  )
  return {
    caPath: file('ca.pem'),
    cert: readFileSync(file('server.pem'), 'utf8'),
    key: readFileSync(file('server.key'), 'utf8'),
    dispose: () => rmSync(dir, { recursive: true, force: true })
  }
}
