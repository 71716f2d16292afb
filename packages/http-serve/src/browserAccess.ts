import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/** Which other web origins may use this node from a browser (production; demo mode allows any). */
export interface BrowserAccessOptions {
  /**
   * The intranet pages that mount the plugin or frame the app, e.g. `https://intranet.example`: they may
   * call the API and load the plugin module (CORS), and frame the app (`frame-ancestors`).
   */
  intranetOrigins?: string[];
  /** Other origins whose pages call this API but never frame it: at HQ, the region nodes serving the web app. */
  apiOrigins?: string[];
}

/** `https://host[:port]` exactly, so a typo ("…/", a path) fails at start instead of silently matching nothing. */
export function parseOrigins(list: string | undefined, variable: string): string[] {
  if (!list?.trim()) return [];
  return list
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      let parsed: URL | null = null;
      try {
        parsed = new URL(origin);
      } catch {
        // reported below
      }
      if (!parsed || parsed.origin !== origin) throw new Error(`${variable}: "${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`);
      return origin;
    });
}

/**
 * Security headers on every response (pages, assets, API, errors). The CSP is what the web app needs
 * and no more: scripts only from this origin (no inline script, no eval); styles from this origin plus
 * inline, because the plugin puts its stylesheet in a <style> element inside its shadow root and the
 * pages carry a style attribute; API calls to this origin and to `connectTo` (HQ, for a region's app).
 */
function secureResponses(app: Hono, options: { frameAncestors: string[]; connectTo: string[] }): void {
  const framed = options.frameAncestors.length > 0;
  const common: SecureHeadersOptions = {
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ...options.connectTo],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'", ...options.frameAncestors],
    },
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    // X-Frame-Options cannot name other origins: only a fallback when nothing else may frame the app
    // (browsers that know frame-ancestors ignore it anyway).
    xFrameOptions: framed ? false : 'SAMEORIGIN',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  };
  const pages = secureHeaders(common);
  // The plugin module and its chunks are meant to be loaded by intranet pages on other origins.
  const assets = secureHeaders({ ...common, crossOriginResourcePolicy: 'cross-origin' });
  app.use('*', (c, next) => (c.req.path.startsWith('/assets/') ? assets : pages)(c, next));
}

/**
 * Lets pages from other origins use this node: the web app served by a region calling HQ, and an intranet
 * page importing the plugin module (module scripts are fetched with CORS). A named list may send
 * credentials (the SSO proxy's cookie); '*' (demo mode) may not.
 */
export function allowBrowserOrigins(app: Hono, origins: string[] | '*'): void {
  const any = origins === '*';
  const origin = any ? (requestOrigin: string) => requestOrigin : origins;
  app.use(
    '/trpc/*',
    cors({
      origin,
      credentials: !any,
      allowHeaders: ['content-type', 'x-forwarded-user', 'x-forwarded-groups', 'x-forwarded-email'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      // A throttled browser call can read when to come back.
      exposeHeaders: ['retry-after'],
      maxAge: 600,
    }),
  );
  app.use('/assets/*', cors({ origin, allowMethods: ['GET'] }));
}

/** Security headers everywhere, and CORS for the allowed origins (any origin in demo mode). */
export function protectBrowserAccess(app: Hono, options: { demoMode: boolean; access?: BrowserAccessOptions; connectTo?: string[] }): void {
  const intranet = options.access?.intranetOrigins ?? [];
  const allowed = [...intranet, ...(options.access?.apiOrigins ?? [])];
  secureResponses(app, { frameAncestors: intranet, connectTo: options.connectTo ?? [] });
  if (options.demoMode) allowBrowserOrigins(app, '*');
  else if (allowed.length > 0) allowBrowserOrigins(app, allowed);
}
