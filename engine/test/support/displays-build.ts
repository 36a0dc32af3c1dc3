/**
 * The lobby pages an engine test opens in Chromium are the displays workspace's build
 * (`displays/dist`, served by the engine). The engine's tests run before that workspace
 * builds, so a test that needs the pages builds them first when they are missing or older
 * than their sources (displays/src, web-common/src).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const entry = join(root, 'displays', 'dist', 'display.html');

/** Newest modification time (ms) of the files under `dir`. */
export function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureDisplaysBuilt(): void {
  const sources = Math.max(newest(join(root, 'displays', 'src')), newest(join(root, 'web-common', 'src')), statSync(join(root, 'displays', 'display.html')).mtimeMs);
  if (existsSync(entry) && statSync(entry).mtimeMs >= sources) return;
  execFileSync('npm', ['run', 'build', '-w', 'displays'], { cwd: root, stdio: 'ignore' });
}
