import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/** Where `npm run build -w @meridian/web` puts the app in this repository. */
export const defaultWebDistDir = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));

export interface WebAppOptions {
  /** apps/web/dist, built by `npm run build -w @meridian/web`. */
  distDir: string;
  /** What the served app needs to know: its APIs, demo mode, default locale. */
  appConfig: Record<string, unknown>;
}

/** Serves the web app: the standalone app at `/`, the demo intranet host at `/intranet/`, and their config. */
export function mountWebApp(app: Hono, options: WebAppOptions): void {
  const indexFile = join(options.distDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('/', (c) => c.text('The web app is not built: run `npm run build -w @meridian/web`.', 503));
    return;
  }
  // Deep links (/customers/…) reload the same page; <base> keeps its relative asset URLs pointing at /.
  const page = (file: string) => readFileSync(join(options.distDir, file), 'utf8').replace('<head>', '<head><base href="/">');
  const index = page('index.html');
  const host = page('host.html');
  app.get('/app-config.json', (c) => c.json(options.appConfig));
  app.use('/assets/*', serveStatic({ root: options.distDir }));
  app.get('/intranet', (c) => c.redirect('/intranet/crm/'));
  app.get('/intranet/*', (c) => c.html(host));
  app.get('*', (c) => c.html(index));
}
