/**
 * Steady writes into region nodes, as staff would make them, with an exact account of what each
 * node acknowledged: a create counts once its answer names the new customer, an update once its
 * answer names the new version. Anything refused or unanswered is counted, never assumed lost or kept.
 */
import type { RegionRouter } from '@meridian/region-api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { identityHeaders } from '../../support/regionNode.ts';
import { sleep } from './processes.ts';

export interface WriteTarget {
  code: string;
  url(): string;
}

export interface RegionLedger {
  code: string;
  /** Customer id → the newest version the node acknowledged. */
  acknowledged: Map<string, number>;
  /** Customer id → the name it was created with (unique per attempt, so a duplicate shows). */
  names: Map<string, string>;
  attempts: number;
  /** Creates and updates the node answered with success. */
  acknowledgedWrites: number;
  /** Refusals by HTTP status, with one message per status, to show what the caller was told. */
  refused: Map<number, { count: number; example: string; messageKeys: Set<string> }>;
  /** No answer at all (node killed or paused, connection reset, client timeout). */
  unanswered: number;
}

export interface Writers {
  ledgers: Map<string, RegionLedger>;
  acknowledgedTotal(): number;
  /** Writes acknowledged since `since` (ms epoch), across regions. */
  acknowledgedSince(since: number): number;
  stop(): Promise<void>;
}

const cities = ['Leeds', 'Hong Kong', 'Dubai', 'Shanghai', 'Glasgow', 'Kowloon'];

export function startWriters(targets: WriteTarget[], options: { writersPerRegion?: number; pauseMs?: number; timeoutMs?: number } = {}): Writers {
  const writersPerRegion = options.writersPerRegion ?? 2;
  const timeoutMs = options.timeoutMs ?? 8_000;
  let stopping = false;
  const ackTimes: number[] = [];
  const ledgers = new Map<string, RegionLedger>();

  async function writer(target: WriteTarget, index: number) {
    const ledger = ledgers.get(target.code)!;
    const user = { login: `fault.writer${index}`, groups: `crm-staff,crm-region-${target.code}` };
    for (let n = 0; !stopping; n++) {
      const client = createTRPCClient<RegionRouter>({ links: [httpLink({ url: `${target.url()}/trpc`, headers: identityHeaders(user) })] });
      const signal = AbortSignal.timeout(timeoutMs);
      ledger.attempts += 1;
      const known = [...ledger.acknowledged.keys()];
      try {
        if (n % 4 === 3 && known.length > 0) {
          const id = known[Math.floor(Math.random() * known.length)]!;
          const { customer } = await client.customers.update.mutate({ id, city: cities[n % cities.length]! }, { signal });
          ledger.acknowledged.set(id, Math.max(ledger.acknowledged.get(id) ?? 0, customer.version));
        } else {
          const name = `Fault Works ${target.code.toUpperCase()} ${index} ${n} Ltd`;
          const { customer } = await client.customers.create.mutate(
            // Names differing by numbers only are likely duplicates to the guard; these writers are not testing it.
            { name, segment: 'industrial', subSegment: 'manufacturing', city: cities[n % cities.length]!, accountManager: user.login, email: `w${index}.${n}@faults.example`, allowDuplicate: true },
            { signal },
          );
          ledger.acknowledged.set(customer.id, customer.version);
          ledger.names.set(customer.id, name);
        }
        ackTimes.push(Date.now());
        ledger.acknowledgedWrites += 1;
      } catch (error) {
        const data = error instanceof TRPCClientError ? (error.data as { httpStatus?: number; messageKey?: string } | undefined) : undefined;
        const status = data?.httpStatus;
        if (status) {
          const example = `${data?.messageKey ?? 'no message key'}: ${(error as Error).message}`;
          const entry = ledger.refused.get(status) ?? { count: 0, example, messageKeys: new Set<string>() };
          entry.messageKeys.add(data?.messageKey ?? '');
          entry.count += 1;
          ledger.refused.set(status, entry);
          // A 429 (or 503) says when to come back; otherwise a short pause, as a person would retry.
          const response = (error as TRPCClientError<RegionRouter>).meta?.response as Response | undefined;
          const retryAfter = Number(response?.headers.get('retry-after'));
          await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 5) * 1_000 : status === 429 ? 1_000 : 100);
        } else {
          ledger.unanswered += 1;
          await sleep(100);
        }
      }
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  }

  const loops: Promise<void>[] = [];
  for (const target of targets) {
    ledgers.set(target.code, { code: target.code, acknowledged: new Map(), names: new Map(), attempts: 0, acknowledgedWrites: 0, refused: new Map(), unanswered: 0 });
    for (let index = 0; index < writersPerRegion; index++) loops.push(writer(target, index));
  }
  return {
    ledgers,
    acknowledgedTotal: () => ackTimes.length,
    acknowledgedSince: (since) => ackTimes.filter((time) => time >= since).length,
    stop: async () => {
      stopping = true;
      await Promise.all(loops);
    },
  };
}
