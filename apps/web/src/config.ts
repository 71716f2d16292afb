/** How the plugin is mounted: given by the intranet host (mount options) or by the serving node (app-config.json). */
export interface MeridianOptions {
  /** UI locale from the host; the browser's, then en-GB, otherwise. */
  locale?: string;
  /** The region node's tRPC endpoint (regional work); absent at HQ. */
  apiBase?: string | null;
  /** HQ's tRPC endpoint (global view, steward queue, node admin); absent on a region without HQ access. */
  hqBase?: string | null;
  /** Path prefix the host mounts the plugin under; the plugin never assumes it owns `/`. */
  basePath?: string;
  theme?: 'light' | 'dark';
  direction?: 'ltr' | 'rtl';
  /** Demo mode: a user picker sets the identity headers (the node must be in demo mode too). */
  demo?: boolean;
}

export type ResolvedOptions = Required<Pick<MeridianOptions, 'basePath' | 'theme' | 'demo'>> &
  Omit<MeridianOptions, 'basePath' | 'theme' | 'demo'>;

export function resolveOptions(options: MeridianOptions): ResolvedOptions {
  return {
    ...options,
    basePath: (options.basePath ?? '/').replace(/\/?$/, '/'),
    theme: options.theme ?? 'light',
    demo: options.demo ?? false,
  };
}
