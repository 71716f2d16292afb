import { mount } from './plugin.tsx';

/**
 * A stand-in for the firm's intranet: it mounts the plugin under its own path, with its own locale
 * (?locale=ar) and direction, and keeps its own styles — the plugin must neither leak nor be reached.
 */
async function start() {
  const params = new URLSearchParams(location.search);
  const config = (await fetch('./app-config.json').then((response) => response.json())) as Parameters<typeof mount>[1];
  await mount(document.getElementById('crm-plugin')!, {
    ...config,
    locale: params.get('locale') ?? undefined,
    basePath: '/intranet/crm/',
  });
}

void start();
