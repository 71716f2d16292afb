import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplayGuard, verifyFederationToken } from '@meridian/federation-auth';
import { describe, expect, it } from 'vitest';
import { FederationKeyStore } from '../src/keyStore.ts';

const part = (token: string, index: 0 | 1) => JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString()) as Record<string, unknown>;
const decodeJwt = (token: string) => part(token, 1);
const decodeProtectedHeader = (token: string) => part(token, 0);

describe('HQ’s token signer', () => {
  it('mints a new single-use token on every call, each accepted once by the node', async () => {
    const store = new FederationKeyStore(mkdtempSync(join(tmpdir(), 'meridian-keystore-')));
    const trusted = await store.issue('hk');
    const sign = store.signerFor('hk');
    const tokens = await Promise.all(Array.from({ length: 20 }, () => sign()));
    expect(new Set(tokens.map((token) => decodeJwt(token).jti)).size).toBe(20);
    const guard = new ReplayGuard();
    for (const token of tokens) expect(await verifyFederationToken(token, 'hk', trusted, { replayGuard: guard })).toEqual({ ok: true });
    for (const token of tokens.slice(0, 3)) expect((await verifyFederationToken(token, 'hk', trusted, { replayGuard: guard })).ok).toBe(false);
  });

  it('signs with a rotated key from the next call on', async () => {
    const store = new FederationKeyStore(mkdtempSync(join(tmpdir(), 'meridian-keystore-')));
    const first = await store.issue('hk');
    const sign = store.signerFor('hk');
    expect(decodeProtectedHeader(await sign()).kid).toBe(first.keys[0]!.kid);
    const rotated = await store.issue('hk', first.keys);
    const newKid = rotated.keys.at(-1)!.kid;
    expect(newKid).not.toBe(first.keys[0]!.kid);
    expect(decodeProtectedHeader(await sign()).kid).toBe(newKid);
  });

  it('fails clearly when HQ holds no key for the region', async () => {
    const store = new FederationKeyStore(mkdtempSync(join(tmpdir(), 'meridian-keystore-')));
    await expect(store.signerFor('zz')()).rejects.toThrow('HQ holds no federation key for region zz');
  });
});
