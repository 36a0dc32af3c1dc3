/**
 * Build settings both web clients share (imported by their `vite.config.ts` and
 * `vitest.config.ts`, never by browser code).
 */
import { fileURLToPath } from 'node:url';

/**
 * Vite and vitest resolve `@loket/engine/protocol` to its TypeScript source. The engine's
 * `exports` name `dist/protocol/index.js` for plain Node, which exists only after the
 * engine's build; the clients import protocol values (`TICKET_ACTIONS`, `canAct`, ...), so
 * their bundles and tests compile the source instead. It holds no server code.
 */
export const protocolAlias: Record<string, string> = {
  '@loket/engine/protocol': fileURLToPath(new URL('../engine/src/protocol/index.ts', import.meta.url)),
};

/** The `vite` dev server: API and sockets go to a running engine (`LOKET_ENGINE_URL`, else `fallbackUrl`). */
export function devServer(fallbackUrl: string) {
  const engine = process.env.LOKET_ENGINE_URL ?? fallbackUrl;
  return {
    host: '127.0.0.1',
    proxy: {
      '/api': engine,
      '/socket.io': { target: engine, ws: true },
    },
  };
}
