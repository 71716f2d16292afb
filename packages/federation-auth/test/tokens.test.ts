import { importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateFederationKeyPair,
  signFederationToken,
  verifyFederationToken,
  type FederationKeyPair,
  type FederationKeySet,
} from '../src/index.ts';

let hkKeys: FederationKeyPair;
let otherKeys: FederationKeyPair;
let trusted: FederationKeySet;
beforeAll(async () => {
  hkKeys = await generateFederationKeyPair();
  otherKeys = await generateFederationKeyPair();
  trusted = { keys: [hkKeys.publicJwk] };
});

async function handMade(claims: Record<string, unknown>, options: { issuedAgo?: number; lifetime?: number; audience?: string; issuer?: string } = {}) {
  const now = Math.floor(Date.now() / 1000) - (options.issuedAgo ?? 0);
  return new SignJWT({ scope: 'federation', ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: hkKeys.privateJwk.kid })
    .setIssuer(options.issuer ?? 'meridian-hq')
    .setAudience(options.audience ?? 'meridian-region:hk')
    .setIssuedAt(now)
    .setExpirationTime(now + (options.lifetime ?? 60))
    .sign(await importJWK(hkKeys.privateJwk as JWK, 'EdDSA'));
}

describe('federation tokens', () => {
  it('accepts a fresh HQ token for this node', async () => {
    expect(await verifyFederationToken(await signFederationToken(hkKeys.privateJwk, 'hk'), 'hk', trusted)).toEqual({ ok: true });
  });

  it('refuses a token for another node', async () => {
    expect((await verifyFederationToken(await signFederationToken(hkKeys.privateJwk, 'cn'), 'hk', trusted)).ok).toBe(false);
  });

  it('refuses a token signed by a key the node does not trust (forged)', async () => {
    expect((await verifyFederationToken(await signFederationToken(otherKeys.privateJwk, 'hk'), 'hk', trusted)).ok).toBe(false);
    const forged = await signFederationToken({ ...otherKeys.privateJwk, kid: hkKeys.privateJwk.kid }, 'hk');
    expect((await verifyFederationToken(forged, 'hk', trusted)).ok).toBe(false);
  });

  it('refuses an expired token and one issued for longer than five minutes', async () => {
    expect((await verifyFederationToken(await handMade({}, { issuedAgo: 120, lifetime: 60 }), 'hk', trusted)).ok).toBe(false);
    expect((await verifyFederationToken(await handMade({}, { lifetime: 3600 }), 'hk', trusted)).ok).toBe(false);
  });

  it('refuses a wrong issuer, a wrong scope and a tampered token', async () => {
    expect((await verifyFederationToken(await handMade({}, { issuer: 'someone' }), 'hk', trusted)).ok).toBe(false);
    expect((await verifyFederationToken(await handMade({ scope: 'admin' }), 'hk', trusted)).ok).toBe(false);
    const token = await signFederationToken(hkKeys.privateJwk, 'hk');
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), aud: 'meridian-region:hk', sub: 'mallory' })).toString('base64url')}.${signature}`;
    expect((await verifyFederationToken(tampered, 'hk', trusted)).ok).toBe(false);
  });

  it('rotates: while both keys are trusted either works; after removal only the new one', async () => {
    const next = await generateFederationKeyPair();
    const during: FederationKeySet = { keys: [hkKeys.publicJwk, next.publicJwk] };
    expect((await verifyFederationToken(await signFederationToken(hkKeys.privateJwk, 'hk'), 'hk', during)).ok).toBe(true);
    expect((await verifyFederationToken(await signFederationToken(next.privateJwk, 'hk'), 'hk', during)).ok).toBe(true);
    const after: FederationKeySet = { keys: [next.publicJwk] };
    expect((await verifyFederationToken(await signFederationToken(hkKeys.privateJwk, 'hk'), 'hk', after)).ok).toBe(false);
  });
});
