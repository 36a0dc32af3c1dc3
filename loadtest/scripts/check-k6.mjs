// Syntax check of the k6 scripts (test/k6-run.test.ts also runs them against an engine): each file must be a
// plain ES module (import/export, no TypeScript) and pass `node --check`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../k6/', import.meta.url));
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (f.endsWith('.js')) files.push(p);
  }
};
walk(root);
let bad = 0;
for (const f of files) {
  const src = readFileSync(f, 'utf8');
  if (!/^\s*(import|export)\s/m.test(src)) {
    console.error(`${f}: not an ES module (no import/export)`);
    bad++;
    continue;
  }
  try {
    execFileSync(process.execPath, ['--check', f], { stdio: 'pipe' });
    console.log(`ok ${f}`);
  } catch (err) {
    console.error(`${f}: ${err.stderr?.toString() ?? err.message}`);
    bad++;
  }
}
if (!files.length) bad++;
process.exit(bad ? 1 : 0);
