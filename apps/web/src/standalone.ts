import { mount } from './plugin.tsx';

/**
 * The app a region node or HQ serves at its root: the node says where its APIs are and whether it is in
 * demo mode (app-config.json), then the plugin mounts exactly as an intranet would mount it.
 */
async function start() {
  const config = (await fetch('./app-config.json').then((response) => response.json())) as Parameters<typeof mount>[1];
  await mount(document.getElementById('meridian')!, { ...config, basePath: '/' });
}

void start();
