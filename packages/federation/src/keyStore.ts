import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateFederationKeyPair,
  parsePrivateKey,
  signFederationToken,
  type FederationKeySet,
  type FederationPrivateKey,
} from '@meridian/federation-auth';

/**
 * HQ's private federation keys, one file per region node in a directory only HQ reads. The public
 * halves go to the nodes (regions/<code>/federation-keys.json); private keys never leave HQ.
 */
export class FederationKeyStore {
  constructor(readonly directory: string) {}

  private file(code: string) {
    return join(this.directory, `${code}.private.jwk.json`);
  }

  privateKey(code: string): FederationPrivateKey | null {
    const file = this.file(code);
    return existsSync(file) ? parsePrivateKey(JSON.parse(readFileSync(file, 'utf8'))) : null;
  }

  /** The public half of the node's current key, as the node must trust it. */
  publicKeySet(code: string): FederationKeySet | null {
    const key = this.privateKey(code);
    if (!key) return null;
    const { d: _private, ...publicJwk } = key;
    return { keys: [publicJwk] };
  }

  /** Issues a new key pair for a node (first registration or rotation); returns the public key set to install. */
  async issue(code: string, keep: FederationKeySet['keys'] = []): Promise<FederationKeySet> {
    const pair = await generateFederationKeyPair();
    mkdirSync(this.directory, { recursive: true });
    writeFileSync(this.file(code), JSON.stringify(pair.privateJwk, null, 2));
    chmodSync(this.file(code), 0o600);
    return { keys: [...keep.filter((key) => key.kid !== pair.publicJwk.kid), pair.publicJwk] };
  }

  /** The key pair for a node, issuing one if HQ has none yet (demo and first start). */
  async ensure(code: string, publicKeys: FederationKeySet | null): Promise<FederationKeySet> {
    const existing = this.privateKey(code);
    if (existing && publicKeys?.keys.some((key) => key.kid === existing.kid)) return publicKeys;
    return this.issue(code);
  }

  /**
   * A token signer for one node: a new token (its own `jti`) on every call, because nodes accept each
   * token once. Signing with Ed25519 costs well under a millisecond, nothing next to the request; the
   * key is read on each call so a rotation on disk takes effect on the next request.
   */
  signerFor(code: string, lifetimeSeconds = 120): () => Promise<string> {
    return async () => {
      const key = this.privateKey(code);
      if (!key) throw new Error(`HQ holds no federation key for region ${code}`);
      return signFederationToken(key, code, lifetimeSeconds);
    };
  }
}
