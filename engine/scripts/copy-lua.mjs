// Copies the Lua scripts next to the compiled store (tsc does not copy them).
import { cpSync } from 'node:fs';
cpSync(new URL('../src/store/lua/', import.meta.url), new URL('../dist/store/lua/', import.meta.url), { recursive: true });
