// Copies the Lua scripts next to the compiled store (tsc does not copy them), replacing what
// an earlier build left: a script whose key count changed has a new file name, and the old
// file must not stay beside it.
import { cpSync, rmSync } from 'node:fs';
const to = new URL('../dist/store/lua/', import.meta.url);
rmSync(to, { recursive: true, force: true });
cpSync(new URL('../src/store/lua/', import.meta.url), to, { recursive: true });
