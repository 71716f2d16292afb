/**
 * Makes federation tokens single-use: a node remembers every token id (`jti`) it accepted until the
 * token expires, and refuses the same id again.
 *
 * In memory, per node process, on purpose. Tokens live at most five minutes, so an entry is useless after
 * that and the set stays small (HQ's normal traffic is a few requests a second per node). A restart
 * forgets the set: a token captured before it could be replayed once more until it expires (≤ 5 min,
 * 2 min as HQ signs them). Persisting ids would close that window at the cost of a database write on
 * every federation call; it is not worth it, because a replay needs a bearer token taken off TLS, gets
 * nothing that token did not already grant, and only ids whose signature checked are remembered, so no
 * outsider can fill the set.
 *
 * Bounded, and fail-closed when full: a general LRU (such as `lru-cache`) evicts the oldest entry to make
 * room, which would silently make that still-valid token replayable again. Here an unexpired entry is
 * never dropped; a node that sees more distinct live tokens than `capacity` refuses new ones until some
 * expire (HQ then retries with backoff) rather than accepting replays.
 */
export type ReplayVerdict = 'fresh' | 'replayed' | 'full';

export class ReplayGuard {
  // jti → expiry (ms since epoch). A Map iterates in insertion order, which is close to expiry order
  // because HQ signs every token with the same lifetime; that makes the sweep cheap.
  private readonly seen = new Map<string, number>();

  constructor(readonly capacity = 100_000) {}

  get size(): number {
    return this.seen.size;
  }

  /** Records a token id as used; says whether it was new. Synchronous, so two racing requests cannot both win. */
  claim(jti: string, expiresAtMs: number, now = Date.now()): ReplayVerdict {
    this.sweepFront(now);
    const knownUntil = this.seen.get(jti);
    if (knownUntil !== undefined && knownUntil > now) return 'replayed';
    if (this.seen.size >= this.capacity) {
      this.sweepAll(now);
      if (this.seen.size >= this.capacity) return 'full';
    }
    this.seen.delete(jti);
    this.seen.set(jti, expiresAtMs);
    return 'fresh';
  }

  // Drops expired entries from the oldest end until the first live one.
  private sweepFront(now: number) {
    for (const [jti, expiresAt] of this.seen) {
      if (expiresAt > now) return;
      this.seen.delete(jti);
    }
  }

  // Tokens with shorter lifetimes can sit behind a live one; only worth a full pass when the set is full.
  private sweepAll(now: number) {
    for (const [jti, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(jti);
  }
}

/**
 * One guard per process: a region node is one process, so this is "per node" without any wiring. Tests
 * that run several nodes in one process share it harmlessly — ids are random UUIDs and a token for one
 * node is refused by every other on its audience before its id is looked at.
 */
export const processReplayGuard = new ReplayGuard();
