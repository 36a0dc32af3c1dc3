/** Multi-page build of the staff clients; the engine serves `dist/` at `/ui/counter/`. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** `vite` dev server: API and sockets go to a running engine (`LOKET_ENGINE_URL`, default the engine's port 3000). */
const engine = process.env.LOKET_ENGINE_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/ui/counter/',
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': engine,
      '/socket.io': { target: engine, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        counter: resolve(root, 'counter.html'),
        supervisor: resolve(root, 'supervisor.html'),
        report: resolve(root, 'report.html'),
      },
    },
  },
});
