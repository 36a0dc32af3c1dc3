/** Multi-page build of the staff clients; the engine serves `dist/` at `/ui/counter/`. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/ui/counter/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        counter: resolve(root, 'counter.html'),
        supervisor: resolve(root, 'supervisor.html'),
      },
    },
  },
});
