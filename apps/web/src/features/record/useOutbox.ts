import { useCallback, useEffect, useState } from 'react';
import { errorDetails, type RegionApi } from '../../api/clients.ts';
import { loadOutbox, saveOutbox, type OutboxEntry, type RecordDraft } from './draftStore.ts';
import { recordInputOf } from './recordInput.ts';

/** Records waiting for the network; sent on reconnect, on a timer, and when the screen opens. */
export function useOutbox(api: RegionApi, scope: string) {
  const [entries, setEntries] = useState<OutboxEntry[]>(() => loadOutbox(scope));

  const update = useCallback(
    (next: OutboxEntry[]) => {
      saveOutbox(scope, next);
      setEntries(next);
    },
    [scope],
  );

  const enqueue = useCallback((draft: RecordDraft) => update([...loadOutbox(scope), { draft, queuedAt: new Date().toISOString(), lastError: null }]), [scope, update]);

  const flush = useCallback(async () => {
    const waiting = loadOutbox(scope);
    const remaining: OutboxEntry[] = [];
    for (const entry of waiting) {
      const prepared = recordInputOf(entry.draft);
      if ('fieldErrors' in prepared) {
        remaining.push({ ...entry, lastError: 'errors.invalid_input' });
        continue;
      }
      try {
        // The client reference makes this safe to repeat if an earlier send did reach the server.
        await api.contactRecords.create.mutate(prepared.input);
      } catch (error) {
        const details = errorDetails(error);
        remaining.push({ ...entry, lastError: details.network ? null : (details.messageKey ?? 'errors.internal') });
      }
    }
    update(remaining);
    return waiting.length - remaining.length;
  }, [api, scope, update]);

  useEffect(() => {
    void flush();
    const onOnline = () => void flush();
    addEventListener('online', onOnline);
    const timer = setInterval(() => {
      if (loadOutbox(scope).length > 0) void flush();
    }, 15_000);
    return () => {
      removeEventListener('online', onOnline);
      clearInterval(timer);
    };
  }, [flush, scope]);

  return { entries, enqueue, flush };
}
