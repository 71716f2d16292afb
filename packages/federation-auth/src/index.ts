/**
 * Node-to-node credentials for federation: HQ holds one Ed25519 key pair per region node and signs
 * short-lived tokens with it; the node trusts only the public keys in its key set. Several public keys
 * may be trusted at once, so a key is rotated by adding the new one, switching HQ, then removing the old.
 */
import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { z } from 'zod';
import { processReplayGuard, type ReplayGuard } from './replayGuard.ts';

export { ReplayGuard, processReplayGuard, type ReplayVerdict } from './replayGuard.ts';

export const federationIssuer = 'meridian-hq';
export const federationScope = 'federation';
/** Tokens live at most this long; the verifier refuses anything issued for longer. */
export const maxTokenLifetimeSeconds = 300;
const algorithm = 'EdDSA';

export function federationAudience(regionCode: string): string {
  return `meridian-region:${regionCode}`;
}

const publicJwkSchema = z.looseObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string() });
const privateJwkSchema = publicJwkSchema.extend({ d: z.string() });

export const federationKeySetSchema = z.strictObject({ keys: z.array(publicJwkSchema).min(1) });
export type FederationKeySet = z.output<typeof federationKeySetSchema>;
export type FederationPrivateKey = z.output<typeof privateJwkSchema>;

export interface FederationKeyPair {
  privateJwk: FederationPrivateKey;
  publicJwk: FederationKeySet['keys'][number];
}

export async function generateFederationKeyPair(): Promise<FederationKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(algorithm, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    privateJwk: privateJwkSchema.parse({ ...(await exportJWK(privateKey)), kid }),
    publicJwk: publicJwkSchema.parse({ ...publicJwk, kid }),
  };
}

export function parsePrivateKey(value: unknown): FederationPrivateKey {
  return privateJwkSchema.parse(value);
}

/** HQ: a token for one region node, valid for `lifetimeSeconds` (≤ 5 minutes), good for one request (its `jti`). */
export async function signFederationToken(
  privateJwk: FederationPrivateKey,
  regionCode: string,
  lifetimeSeconds = 120,
): Promise<string> {
  const key = await importJWK(privateJwk as JWK, algorithm);
  return new SignJWT({ scope: federationScope })
    .setProtectedHeader({ alg: algorithm, kid: privateJwk.kid, typ: 'JWT' })
    .setIssuer(federationIssuer)
    .setAudience(federationAudience(regionCode))
    .setSubject('hq')
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${Math.min(lifetimeSeconds, maxTokenLifetimeSeconds)}s`)
    .sign(key);
}

/** `reason` is for the node's log only: callers get one generic refusal, so a prober learns nothing. */
export type FederationVerdict = { ok: true } | { ok: false; reason: string };

export interface VerifyOptions {
  /** Where used token ids are remembered; the process-wide guard unless a test wants its own. */
  replayGuard?: ReplayGuard;
}

/**
 * Region node: is this bearer token a current HQ token for this node, signed by a trusted key, and not
 * seen before? A token is accepted once; the same token again (a replay) is refused until it expires.
 */
export async function verifyFederationToken(
  token: string,
  regionCode: string,
  trusted: FederationKeySet,
  options: VerifyOptions = {},
): Promise<FederationVerdict> {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const jwk = trusted.keys.find((candidate) => candidate.kid === header.kid);
        if (!jwk) throw new Error('unknown key id');
        return importJWK(jwk as JWK, algorithm);
      },
      {
        algorithms: [algorithm],
        issuer: federationIssuer,
        audience: federationAudience(regionCode),
        maxTokenAge: `${maxTokenLifetimeSeconds}s`,
        requiredClaims: ['exp', 'iat', 'jti'],
      },
    );
    if (payload.scope !== federationScope) return { ok: false, reason: 'wrong scope' };
    if (payload.exp! - payload.iat! > maxTokenLifetimeSeconds) return { ok: false, reason: 'lifetime too long' };
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 128) return { ok: false, reason: 'bad token id' };
    // Only now, with the signature and lifetime checked, is the id worth remembering.
    const claimed = (options.replayGuard ?? processReplayGuard).claim(payload.jti!, payload.exp! * 1000);
    if (claimed === 'replayed') return { ok: false, reason: `token ${payload.jti} already used (replay)` };
    if (claimed === 'full') return { ok: false, reason: 'replay guard full: too many live tokens' };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'invalid token' };
  }
}
