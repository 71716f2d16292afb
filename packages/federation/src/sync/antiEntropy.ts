/**
 * Anti-entropy: HQ proves it holds what a region federates, and repairs what it does not. The feed
 * can lose a change (a bug, a deleted or altered feed row, a replica edited at HQ); only comparing
 * state with state finds that. Cassandra's repair and CouchDB's revision checks do the same.
 *
 * One run: take the region's digest (computed from its base tables at a stated feed position), catch
 * up to that position, compare bucket by bucket, refetch only the diverging buckets, repair, and
 * compare again with a fresh digest. `verified_at` moves only when a stored comparison matched.
 */
import type { FederatedEntity } from '@meridian/domain';
import { divergingBuckets, federatedRowHash, type BucketDigest } from '@meridian/domain/federatedHash';
import {
  findRegion,
  readReplicaStates,
  recordVerification,
  repairReplicas,
  replicaBucketDigests,
  type FederatedRow,
  type HqDatabase,
  type ReplicaRepair,
  type ReplicaState,
  type VerificationOutcome,
} from '@meridian/hq-db';
import type { RegionClient } from './regionClient.ts';

export interface VerifyRegionOptions {
  db: HqDatabase;
  code: string;
  client: RegionClient;
  /** Pulls the region's feed until HQ is caught up (the region sync's catchUp). */
  catchUp: () => Promise<unknown>;
  /** About how many rows one rowsInBuckets call asks for. */
  rowsPerFetch?: number;
  /** Repair rounds before a run that still differs is recorded as diverged. */
  maxRounds?: number;
}

type Divergence = 'missing' | 'stale' | 'altered' | 'extra';

export interface EntityVerification {
  compared: number;
  divergingBuckets: number;
  missing: number;
  stale: number;
  altered: number;
  extra: number;
  repaired: number;
  /** A few ids of each kind, for the run's record (ids only, never content). */
  samples: Partial<Record<Divergence, string[]>>;
}

export interface VerificationReport {
  region: string;
  outcome: VerificationOutcome;
  /** The feed position of the run's full digest (later rounds re-prove only what differed). */
  position: string | null;
  rowsCompared: number;
  diverged: number;
  repaired: number;
  entities: Partial<Record<FederatedEntity, EntityVerification>>;
  error: string | null;
}

type RegionDigest = Awaited<ReturnType<RegionClient['federation']['digest']['query']>>;

/** Feed cursors are "txid:seq"; compared as numbers (a text comparison is the bug this guards against). */
function parsePosition(cursor: string | null | undefined): [bigint, bigint] | null {
  const match = /^(\d+):(\d+)$/.exec(cursor ?? '');
  return match ? [BigInt(match[1]!), BigInt(match[2]!)] : null;
}

export function positionReached(cursor: string | null | undefined, position: string): boolean {
  const target = parsePosition(position);
  if (!target || (target[0] === 0n && target[1] === 0n)) return true;
  const held = parsePosition(cursor);
  return held !== null && (held[0] > target[0] || (held[0] === target[0] && held[1] >= target[1]));
}

function laterPosition(a: string | null, b: string): string {
  return a && positionReached(a, b) ? a : b;
}

class VerificationError extends Error {}

const emptyEntity = (): EntityVerification => ({ compared: 0, divergingBuckets: 0, missing: 0, stale: 0, altered: 0, extra: 0, repaired: 0, samples: {} });

export async function verifyRegion(options: VerifyRegionOptions): Promise<VerificationReport> {
  const { db, code, client } = options;
  const rowsPerFetch = options.rowsPerFetch ?? 2_000;
  const maxRounds = options.maxRounds ?? 2;
  const startedAt = new Date();
  const report: VerificationReport = { region: code, outcome: 'failed', position: null, rowsCompared: 0, diverged: 0, repaired: 0, entities: {}, error: null };
  const entityReport = (entity: FederatedEntity) => (report.entities[entity] ??= emptyEntity());

  /** HQ must hold every change the digest reflects before a difference means anything. */
  async function reach(position: string) {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const region = await findRegion(db, code);
      if (!region) throw new VerificationError(`region ${code} is not registered`);
      if (positionReached(region.cursor, position)) return;
      await options.catchUp();
    }
    const region = await findRegion(db, code);
    if (!positionReached(region?.cursor, position)) {
      throw new VerificationError(`HQ could not catch up to the digest's feed position ${position} (HQ is at ${region?.cursor ?? 'the beginning'})`);
    }
  }

  async function compare(digest: RegionDigest) {
    const diverging = new Map<FederatedEntity, { prefixLength: number; buckets: string[]; regionBuckets: BucketDigest[] }>();
    let compared = 0;
    for (const entry of digest.entities) {
      const states = await readReplicaStates(db, code, entry.entity);
      compared += entry.rows;
      const buckets = divergingBuckets(entry.buckets, replicaBucketDigests(entry.entity, states, entry.prefixLength));
      if (buckets.length > 0) diverging.set(entry.entity, { prefixLength: entry.prefixLength, buckets, regionBuckets: entry.buckets });
    }
    return { diverging, compared };
  }

  async function fetchRegionRows(entity: FederatedEntity, prefixLength: number, buckets: string[], regionBuckets: BucketDigest[]) {
    const counts = new Map(regionBuckets.map((bucket) => [bucket.bucket, bucket.rows]));
    const rows: FederatedRow[] = [];
    let position: string | null = null;
    let batch: string[] = [];
    let batchRows = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const answer = await client.federation.rowsInBuckets.query({ entity, prefixLength, buckets: batch });
      rows.push(...answer.rows.map((row) => ({ id: row.id, version: row.version, data: row.data, withheld: row.withheld })));
      position = laterPosition(position, answer.position);
      batch = [];
      batchRows = 0;
    };
    for (const bucket of buckets) {
      if (batch.length > 0 && batchRows + (counts.get(bucket) ?? 0) > rowsPerFetch) await flush();
      batch.push(bucket);
      batchRows += counts.get(bucket) ?? 0;
    }
    await flush();
    return { rows, position };
  }

  /**
   * Classifies and repairs one round. HQ's rows are read before the region answers, so a version HQ
   * held then that the region does not have now was never real (versions only grow); the region's
   * rows are then compared with HQ caught up past their position, so a change merely in flight is not
   * counted as lost.
   */
  async function repairRound(diverging: Awaited<ReturnType<typeof compare>>['diverging']) {
    const fetched = new Map<FederatedEntity, { before: Map<string, ReplicaState>; rows: FederatedRow[]; selection: { prefixLength: number; prefixes: string[] } }>();
    let position: string | null = null;
    for (const [entity, { prefixLength, buckets, regionBuckets }] of diverging) {
      const selection = { prefixLength, prefixes: buckets };
      const before = new Map((await readReplicaStates(db, code, entity, selection)).map((state) => [state.id, state]));
      const answer = await fetchRegionRows(entity, prefixLength, buckets, regionBuckets);
      if (answer.position) position = laterPosition(position, answer.position);
      fetched.set(entity, { before, rows: answer.rows, selection });
      entityReport(entity).divergingBuckets += buckets.length;
    }
    if (position) await reach(position);

    for (const [entity, { before, rows, selection }] of fetched) {
      const summary = entityReport(entity);
      const after = new Map((await readReplicaStates(db, code, entity, selection)).map((state) => [state.id, state]));
      const repair: ReplicaRepair = { upserts: [], restores: [], replaceExact: [], extras: [] };
      const expected = new Map<string, string | null>(); // id → the hash HQ should end with (null: absent)
      const note = (kind: Divergence, id: string) => {
        summary[kind] += 1;
        const samples = (summary.samples[kind] ??= []);
        if (samples.length < 20) samples.push(id);
      };
      for (const row of rows) {
        const held = after.get(row.id);
        const hash = federatedRowHash(entity, row.data, row.withheld);
        const earlier = before.get(row.id);
        if (held && !held.deleted && held.version === row.version && held.hash === hash) continue;
        if (held && held.version > row.version) {
          // Only proven wrong if HQ already held it before the region answered; otherwise in flight.
          if (earlier && earlier.version > row.version && earlier.version === held.version) {
            note('altered', row.id);
            repair.replaceExact.push({ row, heldVersion: held.version });
            expected.set(row.id, hash);
          }
          continue;
        }
        if (held?.deleted) {
          // A tombstone HQ held before the region said the row exists is wrong; one that arrived since is the region's own delete.
          if (!earlier?.deleted) continue;
          note('missing', row.id);
          repair.restores.push(row);
        } else {
          note(!held ? 'missing' : held.version < row.version ? 'stale' : 'altered', row.id);
          repair.upserts.push(row);
        }
        expected.set(row.id, hash);
      }
      const regionIds = new Set(rows.map((row) => row.id));
      for (const [id, held] of after) {
        if (held.deleted || regionIds.has(id)) continue;
        const earlier = before.get(id);
        if (!earlier || earlier.deleted) continue; // arrived while verifying: not HQ's to doubt yet
        note('extra', id);
        repair.extras.push({ id, heldVersion: held.version });
        expected.set(id, null);
      }
      if (expected.size === 0) continue;
      await repairReplicas(db, code, entity, repair);
      // Repaired means: HQ now holds what the region served, checked by reading it back.
      const final = new Map((await readReplicaStates(db, code, entity, selection)).map((state) => [state.id, state]));
      let repaired = 0;
      for (const [id, hash] of expected) {
        const state = final.get(id);
        if (hash === null ? !state || state.deleted : state && !state.deleted && state.hash === hash) repaired += 1;
      }
      summary.repaired += repaired;
      report.diverged += expected.size;
      report.repaired += repaired;
    }
  }

  try {
    // Each round re-proves only the entities that still differed: an entity that matched stays proven
    // by that stored comparison, and the region need not hash its big tables again.
    let entities: FederatedEntity[] | undefined;
    for (let round = 0; ; round += 1) {
      const digest = await client.federation.digest.query(entities ? { entities } : {});
      // The first, full digest's position: no entity is claimed for a later one than it was proven at.
      report.position ??= digest.position;
      await reach(digest.position);
      const { diverging, compared } = await compare(digest);
      if (round === 0) report.rowsCompared = compared;
      for (const entry of digest.entities) entityReport(entry.entity).compared = entry.rows;
      if (diverging.size === 0) {
        report.outcome = 'verified';
        break;
      }
      if (round >= maxRounds) {
        report.outcome = 'diverged';
        report.error = `after ${maxRounds} repair rounds, buckets still differ: ${[...diverging].map(([entity, { buckets }]) => `${entity} ${buckets.length}`).join(', ')}`;
        break;
      }
      await repairRound(diverging);
      entities = [...diverging.keys()];
    }
  } catch (error) {
    report.outcome = 'failed';
    report.error = error instanceof Error ? error.message : String(error);
  }
  await recordVerification(db, code, {
    startedAt,
    finishedAt: new Date(),
    outcome: report.outcome,
    position: report.position,
    rowsCompared: report.rowsCompared,
    diverged: report.diverged,
    repaired: report.repaired,
    detail: { entities: report.entities },
    error: report.error,
  });
  return report;
}
