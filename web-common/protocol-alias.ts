/**
 * Vite and vitest resolve `@loket/engine/protocol` to its TypeScript source. The engine's
 * `exports` name `dist/protocol/index.js` for plain Node, which exists only after the
 * engine's build; the clients import protocol values (`TICKET_ACTIONS`, `canAct`, ...), so
 * their bundles and tests compile the source instead. It holds no server code.
 */
import { fileURLToPath } from 'node:url';

export const protocolAlias: Record<string, string> = {
  '@loket/engine/protocol': fileURLToPath(new URL('../engine/src/protocol/index.ts', import.meta.url)),
};
