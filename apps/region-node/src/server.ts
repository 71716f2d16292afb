import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { RegionConfig } from '@meridian/domain';
import { createChangeNotifier, regionRuntime, type RegionSecurity } from '@meridian/region-api';
import { openRegionDatabase, type RegionDatabaseHandle, type RegionDatabaseOptions } from '@meridian/region-db';
import { createRegionApp } from './app.ts';

export interface RunningRegionNode {
  code: string;
  url: string;
  port: number;
  database: RegionDatabaseHandle;
  close(): Promise<void>;
}

export interface StartRegionNodeOptions {
  config: RegionConfig;
  database: RegionDatabaseOptions | RegionDatabaseHandle;
  /** 0 picks a free port (tests). */
  port?: number;
  hostname?: string;
  security: RegionSecurity;
}

function isHandle(database: StartRegionNodeOptions['database']): database is RegionDatabaseHandle {
  return 'db' in database;
}

/** Opens (and migrates) the region's database, then serves the region app until closed. */
export async function startRegionNode(options: StartRegionNodeOptions): Promise<RunningRegionNode> {
  const database = isHandle(options.database) ? options.database : await openRegionDatabase(options.database);
  const changeNotifier = await createChangeNotifier(database);
  const app = createRegionApp({ db: database.db, region: regionRuntime(options.config), security: options.security, changeNotifier });
  const hostname = options.hostname ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? options.config.port ?? 0, hostname }, () => resolve(started));
    started.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    code: options.config.code,
    url: `http://${hostname}:${port}`,
    port,
    database,
    close: async () => {
      await changeNotifier.close();
      // Long-polls and keep-alive connections would hold close() open; end them.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!isHandle(options.database)) await database.close();
    },
  };
}
