/** Multi-page build of the staff clients; the engine serves `dist/` at `/ui/counter/`. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { devServer, protocolAlias } from '../web-common/vite-shared.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: protocolAlias },
  base: '/ui/counter/',
  /** `vite` dev server: API and sockets go to a running engine (`LOKET_ENGINE_URL`, default the engine's port 3000). */
  server: devServer('http://127.0.0.1:3000'),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        counter: resolve(root, 'counter.html'),
        supervisor: resolve(root, 'supervisor.html'),
        report: resolve(root, 'report.html'),
        admin: resolve(root, 'admin.html'),
      },
    },
  },
});
