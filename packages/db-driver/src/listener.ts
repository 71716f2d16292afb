import pg from 'pg';

const maxReconnectDelayMs = 30_000;

/**
 * LISTEN needs one connection of its own on a server (pooled connections come and go). When the server
 * restarts or the connection drops, the listener reconnects with backoff rather than going deaf for the
 * life of the process; on every reconnect it wakes its subscriber once, because a NOTIFY sent while it
 * was away is gone and whoever waits must look again.
 */
export async function listenOnServer(url: string, channel: string, onNotify: () => void, label: string): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let closed = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    next.on('error', (error) => console.error(`[${label}] listener for ${channel} lost: ${error.message}`));
    next.on('end', () => {
      if (client === next) client = null;
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    failures += 1;
    const delay = Math.min(maxReconnectDelayMs, 250 * 2 ** Math.min(failures, 7));
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().then(
        () => {
          failures = 0;
          onNotify();
        },
        (error: Error) => {
          console.error(`[${label}] listener for ${channel} could not reconnect: ${error.message}`);
          scheduleReconnect();
        },
      );
    }, delay);
    retryTimer.unref();
  };

  await connect();
  return async () => {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}
