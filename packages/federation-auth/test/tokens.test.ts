import { randomUUID } from 'node:crypto';
import { decodeJwt, importJWK, SignJWT, type JWK } from 'jose';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateFederationKeyPair,
  ReplayGuard,
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
  return new SignJWT({ scope: 'federation', jti: randomUUID(), ...claims })
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

describe('federation tokens are single-use', () => {
  it('accepts a token once and refuses the same token again, while a fresh one still works', async () => {
    const guard = new ReplayGuard();
    const token = await signFederationToken(hkKeys.privateJwk, 'hk');
    expect(await verifyFederationToken(token, 'hk', trusted, { replayGuard: guard })).toEqual({ ok: true });
    const replay = await verifyFederationToken(token, 'hk', trusted, { replayGuard: guard });
    expect(replay.ok).toBe(false);
    expect(replay.ok || replay.reason).toMatch(/replay/);
    expect(await verifyFederationToken(await signFederationToken(hkKeys.privateJwk, 'hk'), 'hk', trusted, { replayGuard: guard })).toEqual({ ok: true });
  });

  it('refuses a replay through the process-wide guard a node uses by default', async () => {
    const token = await signFederationToken(hkKeys.privateJwk, 'hk');
    expect((await verifyFederationToken(token, 'hk', trusted)).ok).toBe(true);
    expect((await verifyFederationToken(token, 'hk', trusted)).ok).toBe(false);
  });

  it('lets only one of many concurrent presentations of one token through', async () => {
    const guard = new ReplayGuard();
    const token = await signFederationToken(hkKeys.privateJwk, 'hk');
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => verifyFederationToken(token, 'hk', trusted, { replayGuard: guard })));
    expect(verdicts.filter((verdict) => verdict.ok)).toHaveLength(1);
  });

  it('gives every signed token its own id', async () => {
    const ids = new Set<unknown>();
    for (let index = 0; index < 50; index++) ids.add(decodeJwt(await signFederationToken(hkKeys.privateJwk, 'hk')).jti);
    expect(ids.size).toBe(50);
  });

  it('refuses a token without an id (it could never be single-use)', async () => {
    expect((await verifyFederationToken(await handMade({ jti: undefined }), 'hk', trusted, { replayGuard: new ReplayGuard() })).ok).toBe(false);
  });

  it('does not remember a token whose signature failed, so forgeries cannot fill the guard', async () => {
    const guard = new ReplayGuard();
    await verifyFederationToken(await signFederationToken(otherKeys.privateJwk, 'hk'), 'hk', trusted, { replayGuard: guard });
    expect(guard.size).toBe(0);
  });
});

describe('the replay guard', () => {
  it('forgets an id once its token has expired', () => {
    const guard = new ReplayGuard();
    expect(guard.claim('a', 10_000, 0)).toBe('fresh');
    expect(guard.claim('a', 10_000, 9_999)).toBe('replayed');
    expect(guard.claim('b', 20_000, 10_000)).toBe('fresh');
    expect(guard.size).toBe(1); // 'a' swept: its token can no longer pass the expiry check anyway
  });

  it('stays within its capacity and refuses new ids rather than evicting a live one', () => {
    const guard = new ReplayGuard(3);
    for (const jti of ['a', 'b', 'c']) expect(guard.claim(jti, 60_000, 0)).toBe('fresh');
    expect(guard.claim('d', 60_000, 1)).toBe('full');
    // Evicting 'a' to make room would have let its still-valid token through twice.
    expect(guard.claim('a', 60_000, 2)).toBe('replayed');
    expect(guard.size).toBe(3);
    expect(guard.claim('d', 120_000, 60_000)).toBe('fresh');
    expect(guard.size).toBe(1);
  });

  it('never accepts an id twice while it is live, whatever the order and lifetimes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ jti: fc.constantFrom('a', 'b', 'c', 'd', 'e'), lifetime: fc.integer({ min: 1, max: 300 }), advance: fc.integer({ min: 0, max: 120 }) }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        (steps, capacity) => {
          const guard = new ReplayGuard(capacity);
          const liveUntil = new Map<string, number>();
          let now = 0;
          for (const step of steps) {
            now += step.advance;
            const verdict = guard.claim(step.jti, now + step.lifetime, now);
            const live = (liveUntil.get(step.jti) ?? -1) > now;
            if (live) expect(verdict).toBe('replayed');
            if (verdict === 'fresh') liveUntil.set(step.jti, now + step.lifetime);
            expect(guard.size).toBeLessThanOrEqual(capacity);
          }
        },
      ),
    );
  });
});
