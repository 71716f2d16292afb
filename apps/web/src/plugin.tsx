import { createRoot, type Root } from 'react-dom/client';
import { resolveOptions, type MeridianOptions } from './config.ts';
import { createWebI18n, initialLocale } from './i18n/setup.ts';
import { App } from './shell/App.tsx';
import styles from './styles.css?inline';

let mounted: { element: HTMLElement; root: Root } | null = null;

/**
 * Mounts Meridian inside an intranet page. Everything renders in a shadow root with its own styles, so
 * nothing leaks into the host and the host's styles cannot reach in; `lang`/`dir` are set on the plugin
 * root, never on the host's <html>.
 */
export async function mount(element: HTMLElement, options: MeridianOptions = {}): Promise<void> {
  if (mounted) unmount();
  const resolved = resolveOptions(options);
  const i18n = await createWebI18n(initialLocale(resolved.locale));
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  const style = document.createElement('style');
  style.textContent = styles;
  const container = document.createElement('div');
  container.className = 'meridian-root';
  shadow.append(style, container);
  const root = createRoot(container);
  root.render(<App options={resolved} i18n={i18n} />);
  mounted = { element, root };
}

export function unmount(): void {
  if (!mounted) return;
  mounted.root.unmount();
  mounted.element.shadowRoot?.replaceChildren();
  mounted = null;
}

export type { MeridianOptions };
