import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { devServer, protocolAlias } from '../web-common/vite-shared.js';
import { bundleSize } from './scripts/bundle-size-plugin.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Entries with stable file names, for `<script type="module" src="/ui/displays/assets/<name>.js">`. */
const STABLE = new Set(['lobby-display', 'kiosk', 'ticket-status', 'booking']);

export default defineConfig({
  root,
  resolve: { alias: protocolAlias },
  base: '/ui/displays/',
  /** `vite` dev server: API and sockets go to a running engine (`LOKET_ENGINE_URL`, default port 8080). */
  server: devServer('http://127.0.0.1:8080'),
  plugins: [bundleSize({ 'lobby-display': 60 })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      input: {
        'display-page': resolve(root, 'display.html'),
        'kiosk-page': resolve(root, 'kiosk.html'),
        'ticket-page': resolve(root, 'ticket.html'),
        'booking-page': resolve(root, 'booking.html'),
        'lobby-display': resolve(root, 'src/entries/lobby-display.ts'),
        kiosk: resolve(root, 'src/entries/kiosk.ts'),
        'ticket-status': resolve(root, 'src/entries/ticket-status.ts'),
        booking: resolve(root, 'src/entries/booking.ts'),
      },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (STABLE.has(chunk.name) ? 'assets/[name].js' : 'assets/[name]-[hash].js'),
        chunkFileNames: 'assets/[name]-[hash].js',
      },
    },
  },
});
