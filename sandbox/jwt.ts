import { createSign, createVerify, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto'

/** An RS256 signing key with its key id, as a token issuer holds it. */
export interface SigningKey {
  kid: string
  privateKey: KeyObject
  publicKey: KeyObject
}

export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return { kid: randomUUID(), privateKey, publicKey }
}

export function jwks(key: SigningKey): { keys: object[] } {
  return { keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, use: 'sig', alg: 'RS256' }] }
}

export function signJwt(claims: Record<string, unknown>, key: SigningKey): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: key.kid }
  const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url')
  const signingInput = `${encode(header)}.${encode(claims)}`
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key.privateKey).toString('base64url')
  return `${signingInput}.${signature}`
}

export type JwtCheck =
  | { ok: true; header: Record<string, unknown>; claims: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'signature' }

/** One base64url JSON part of a compact JWT, when it is an object. */
function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** The claims of a compact JWT, unverified (Entra reads them to pick the federated credential to check against). */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  return decodePart(token.split('.')[1])
}

/** Decodes a compact JWT and checks its RS256 signature against `keys` (matched by kid). */
export function verifyJwt(token: string, keys: readonly SigningKey[]): JwtCheck {
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, reason: 'malformed' }
  const header = decodePart(parts[0])
  const claims = decodePart(parts[1])
  if (!header || !claims) return { ok: false, reason: 'malformed' }
  const key = keys.find((k) => k.kid === header.kid)
  if (header.alg !== 'RS256' || !key) return { ok: false, reason: 'signature' }
  const valid = createVerify('RSA-SHA256')
    .update(`${parts[0]}.${parts[1]}`)
    .verify(key.publicKey, Buffer.from(parts[2], 'base64url'))
  return valid ? { ok: true, header, claims } : { ok: false, reason: 'signature' }
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}
