import type { RegionDatabaseHandle } from '@meridian/region-db';
import { changeFeedChannel } from '@meridian/region-db';

/**
 * Lets a long-polling federation read sleep until the database says a change committed (LISTEN/NOTIFY,
 * so raw SQL writes wake it too) or its time is up, instead of HQ polling on a slow timer.
 */
export interface ChangeNotifier {
  waitForChange(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export async function createChangeNotifier(database: Pick<RegionDatabaseHandle, 'listen'>): Promise<ChangeNotifier> {
  const waiters = new Set<() => void>();
  const unsubscribe = await database.listen(changeFeedChannel, () => {
    for (const wake of [...waiters]) wake();
  });
  return {
    waitForChange: (timeoutMs, signal) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      }),
    close: async () => {
      for (const wake of [...waiters]) wake();
      await unsubscribe();
    },
  };
}
