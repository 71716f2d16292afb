/**
 * The one rule by which a region and HQ hash what federation carries, so each can prove to the other
 * what it holds (anti-entropy). A region hashes the row its feed would send (after its data policy);
 * HQ hashes its replica of that row; equal hashes mean HQ holds exactly what the region federates.
 *
 * Kept out of the package index on purpose: it uses node:crypto, and the web app bundles the index.
 */
import { createHash } from 'node:crypto';
import type { FederatedEntity } from './dataPolicy.ts';

/** How a field's value is brought to one form: JSON, a Date and a driver's string must hash alike. */
type FieldKind = 'text' | 'number' | 'timestamp' | 'list';

/**
 * The federated fields HQ keeps of each entity — what HQ can prove it holds. Fields the feed carries
 * but HQ does not store (who last updated a row, an amend reason) are not HQ's to prove. `id` and
 * `version` are hashed beside the fields, not among them.
 */
export const verifiedFields = {
  customer: {
    code: 'text', name: 'text', nameLatin: 'text', nameLatinSource: 'text', legalForm: 'text', registrationId: 'text',
    website: 'text', segment: 'text', subSegment: 'text', city: 'text', country: 'text', phone: 'text', email: 'text',
    annualRevenueGbp: 'number', lifecycleStage: 'text', accountManager: 'text', globalCode: 'text', globalCountries: 'list',
    createdAt: 'timestamp', updatedAt: 'timestamp',
  },
  contactPerson: {
    customerId: 'text', name: 'text', role: 'text', phone: 'text', email: 'text', preferredLanguage: 'text', updatedAt: 'timestamp',
  },
  project: {
    jobCode: 'text', customerId: 'text', name: 'text', serviceCategory: 'text', country: 'text', city: 'text', site: 'text',
    status: 'text', updatedAt: 'timestamp',
  },
  contactRecord: {
    customerId: 'text', jobCode: 'text', typeCode: 'text', channel: 'text', occurredAt: 'timestamp', place: 'text', content: 'text',
    outcome: 'text', nextStep: 'text', nextStepDue: 'timestamp', language: 'text', status: 'text', closedAt: 'timestamp',
    amendsId: 'text', serviceCategory: 'text', priority: 'text', slaResponseDueAt: 'timestamp', slaCompletionDueAt: 'timestamp',
    respondedAt: 'timestamp', completedAt: 'timestamp', createdBy: 'text', createdAt: 'timestamp', updatedAt: 'timestamp',
  },
  accountManagerAssignment: {
    customerId: 'text', accountManager: 'text', startedAt: 'timestamp', endedAt: 'timestamp', assignedBy: 'text', reason: 'text',
  },
} as const satisfies Record<FederatedEntity, Record<string, FieldKind>>;

/** Entities whose rows carry a version; manager assignments are append-only history and hash as version 0. */
export const versionedEntities: ReadonlySet<FederatedEntity> = new Set(['customer', 'contactPerson', 'project', 'contactRecord']);

function canonicalValue(kind: FieldKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'timestamp': {
      // Millisecond ISO in UTC: what HQ can store from the feed's JSON (microseconds do not survive a JS Date).
      const date = value instanceof Date ? value : new Date(String(value));
      return Number.isNaN(date.getTime()) ? `invalid:${String(value)}` : date.toISOString();
    }
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'list':
      return Array.isArray(value) ? value.map((item) => (item === null ? null : String(item))) : [`invalid:${String(value)}`];
    case 'text':
      return String(value);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Hash of one row's federated fields (named as the feed names them) and the fields withheld from it.
 * A withheld field is left out while it is empty; if a copy holds a value for it anyway, the value is
 * hashed, so a residency breach shows as a difference and is repaired away.
 */
export function federatedRowHash(entity: FederatedEntity, fields: Readonly<Record<string, unknown>>, withheld: readonly string[]): string {
  const kinds = verifiedFields[entity] as Record<string, FieldKind>;
  const kept = new Set(withheld);
  const pairs: Array<[string, unknown]> = [];
  for (const [field, kind] of Object.entries(kinds)) {
    const value = canonicalValue(kind, fields[field]);
    if (kept.has(field) && value === null) continue;
    pairs.push([field, value]);
  }
  return sha256(JSON.stringify({ fields: pairs, withheld: [...kept].sort() }));
}

/** What a digest knows of one row. */
export interface HashedRow {
  id: string;
  version: number;
  hash: string;
}

/**
 * Buckets are id prefixes: the first hex characters of a uuid (random, so evenly filled), and for manager
 * assignments (bigint ids, which grow in order) of the id's md5. PostgreSQL computes the same with
 * `left(id::text, n)` and `left(md5(id::text), n)`, so a bucket can be selected in SQL.
 */
export function bucketOf(entity: FederatedEntity, id: string, prefixLength: number): string {
  const key = entity === 'accountManagerAssignment' ? createHash('md5').update(id).digest('hex') : id.toLowerCase();
  return key.slice(0, prefixLength);
}

/**
 * One hex character (16 buckets) while a table is small, two (256) up to a million rows, three beyond:
 * the digest stays a few kilobytes, and a diverging bucket costs a refetch of at most a few thousand rows.
 */
export function bucketPrefixLength(rowCount: number): number {
  if (rowCount <= 4_096) return 1;
  if (rowCount <= 1_048_576) return 2;
  return 3;
}

export interface BucketDigest {
  bucket: string;
  rows: number;
  hash: string;
}

/** Per bucket: row count and a hash over (id, version, row hash) in id order — only non-empty buckets. */
export function bucketDigests(entity: FederatedEntity, rows: readonly HashedRow[], prefixLength: number): BucketDigest[] {
  const byBucket = new Map<string, HashedRow[]>();
  for (const row of rows) {
    const bucket = bucketOf(entity, row.id, prefixLength);
    const list = byBucket.get(bucket);
    if (list) list.push(row);
    else byBucket.set(bucket, [row]);
  }
  return [...byBucket.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([bucket, members]) => {
      // Code-unit order, never a database collation: both sides must sort alike.
      members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const hash = createHash('sha256');
      for (const row of members) hash.update(`${row.id}\t${row.version}\t${row.hash}\n`);
      return { bucket, rows: members.length, hash: hash.digest('hex') };
    });
}

/** Buckets whose count or hash differ, including buckets only one side has. */
export function divergingBuckets(region: readonly BucketDigest[], hq: readonly BucketDigest[]): string[] {
  const theirs = new Map(hq.map((bucket) => [bucket.bucket, bucket]));
  const differing = new Set<string>();
  for (const bucket of region) {
    const other = theirs.get(bucket.bucket);
    if (!other || other.rows !== bucket.rows || other.hash !== bucket.hash) differing.add(bucket.bucket);
    theirs.delete(bucket.bucket);
  }
  for (const bucket of theirs.keys()) differing.add(bucket);
  return [...differing].sort();
}
