/** Vite's build of the web interface: src/web (index.html, main.tsx) into dist/web, served by the service at /. */
import react from '@vitejs/plugin-react';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: join(root, 'src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: join(root, 'dist/web'),
    emptyOutDir: true,
    // No source maps: the bundle is served as is, and no file points to the internet.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npx vite` for development: the API of a `npm start` running beside it.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
