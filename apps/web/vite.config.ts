import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * One build serves both uses: index.html is the standalone app a region node or HQ serves, host.html the
 * demo intranet page that mounts the plugin; both load the same plugin entry (mount/unmount).
 * `base: './'` because an intranet mounts the plugin under its own path, never at `/`.
 */
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    rollupOptions: {
      input: { index: 'index.html', host: 'host.html', plugin: 'src/plugin.tsx' },
      // The plugin entry keeps its exports and a stable name, so an intranet can import mount/unmount from it.
      preserveEntrySignatures: 'exports-only',
      output: { entryFileNames: (chunk) => (chunk.name === 'plugin' ? 'assets/meridian-plugin.js' : 'assets/[name]-[hash].js') },
    },
  },
  server: { port: 5173 },
});
