/**
 * What staff typed survives a validation error, a reload and a dropped network: the draft lives in
 * localStorage as they type, and a record that could not be sent waits in an outbox until it can.
 */
export interface RecordDraft {
  customer: { id: string; code: string; name: string; nameLatin: string | null } | null;
  typeCode: string;
  channel: string;
  occurredAt: string;
  place: string;
  content: string;
  outcome: string;
  nextStep: string;
  nextStepDue: string;
  jobCode: string;
  serviceCategory: string;
  priority: string;
  /** Idempotency key: a draft re-sent after a dropped connection is stored once. */
  clientReference: string;
}

export interface OutboxEntry {
  draft: RecordDraft;
  queuedAt: string;
  lastError: string | null;
}

const draftKey = (scope: string) => `meridian.draft.record.${scope}`;
const outboxKey = (scope: string) => `meridian.outbox.record.${scope}`;

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function loadDraft(scope: string): Partial<RecordDraft> | null {
  return read<Partial<RecordDraft> | null>(draftKey(scope), null);
}

export function saveDraft(scope: string, draft: RecordDraft): void {
  localStorage.setItem(draftKey(scope), JSON.stringify(draft));
}

export function clearDraft(scope: string): void {
  localStorage.removeItem(draftKey(scope));
}

export function loadOutbox(scope: string): OutboxEntry[] {
  return read<OutboxEntry[]>(outboxKey(scope), []);
}

export function saveOutbox(scope: string, entries: OutboxEntry[]): void {
  if (entries.length === 0) localStorage.removeItem(outboxKey(scope));
  else localStorage.setItem(outboxKey(scope), JSON.stringify(entries));
}

export function newClientReference(): string {
  return crypto.randomUUID();
}
