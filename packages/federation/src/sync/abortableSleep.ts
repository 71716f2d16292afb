/**
 * Waiting and deadlines for the sync loops, which run for months: every wait and every request must
 * leave nothing behind on the long-lived stop signal, or a loop retrying once a second accumulates
 * ~86,000 abort listeners a day.
 */
import { setTimeout as wait } from 'node:timers/promises';

interface LinkedSignal {
  signal: AbortSignal;
  abort(reason: unknown): void;
  /** Detaches from every parent; the linked signal is then garbage like any local. */
  release(): void;
}

/**
 * A signal aborted when any parent aborts. Explicit listeners, removed on release, rather than
 * `AbortSignal.any`: that keeps a dependent signal registered on the parent (a loop's stop signal, alive
 * for months) that nothing can release or count.
 */
function linkedSignal(parents: AbortSignal[]): LinkedSignal {
  const controller = new AbortController();
  const detach: Array<() => void> = [];
  const release = () => {
    for (const undo of detach.splice(0)) undo();
  };
  const abort = (reason: unknown) => {
    release();
    controller.abort(reason);
  };
  for (const parent of parents) {
    if (parent.aborted) {
      abort(parent.reason);
      break;
    }
    const onAbort = () => abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    detach.push(() => parent.removeEventListener('abort', onAbort));
  }
  return { signal: controller.signal, abort, release };
}

/**
 * Waits `ms`, or less when a signal aborts (resolving, not throwing); its timer and listeners are gone
 * when it returns, however it ended.
 */
export async function abortableSleep(ms: number, signals: AbortSignal | AbortSignal[] = []): Promise<void> {
  const link = Array.isArray(signals) ? linkedSignal(signals) : null;
  const signal = link?.signal ?? (signals as AbortSignal);
  try {
    // Node's own timer removes its abort listener when it settles.
    await wait(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    link?.release();
  }
}

/** Why a request was cut off: the region sent no (complete) answer in time — hung, paused or overloaded. */
export class RegionTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`region did not answer within ${timeoutMs < 1_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`);
    this.name = 'RegionTimeoutError';
  }
}

export interface RequestDeadline {
  signal: AbortSignal;
  /** Detaches from the parents and clears the timer; call when the request settles. */
  release(): void;
  /**
   * The timeout, if that is what ended the request. The HTTP client reports any abort as a bare
   * "This operation was aborted", so the cause is read from here rather than from its error.
   */
  timedOut(): RegionTimeoutError | null;
}

/**
 * A signal for one request: aborted when any parent aborts or after `timeoutMs` with a
 * RegionTimeoutError as its reason. A plain timer cleared on release rather than `AbortSignal.timeout`,
 * which keeps its timer (and the signal) alive until it fires, long after a quick answer.
 */
export function requestDeadline(parents: AbortSignal[], timeoutMs: number): RequestDeadline {
  const link = linkedSignal(parents);
  const timer = setTimeout(() => link.abort(new RegionTimeoutError(timeoutMs)), timeoutMs);
  link.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return {
    signal: link.signal,
    release: () => {
      clearTimeout(timer);
      link.release();
    },
    timedOut: () => (link.signal.reason instanceof RegionTimeoutError ? link.signal.reason : null),
  };
}
