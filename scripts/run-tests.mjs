// Runs every workspace's tests in turn (each builds what it needs first) and prints one
// closing line for all: "N passed, N failed, N skipped". Exits non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const workspaces = (only.length ? only : JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).workspaces);
const outDir = resolve(root, 'test-results');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];
for (const ws of workspaces) {
  const out = resolve(outDir, `${ws}.json`);
  console.log(`\n=== ${ws} ===`);
  const r = spawnSync('npm', ['run', 'test', '-w', ws, '--', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    cwd: root,
    stdio: 'inherit',
  });
  let counted = false;
  try {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests + (j.numTodoTests ?? 0);
    counted = true;
    if (j.numTotalTests === 0) broken.push(`${ws} (ran no test)`);
  } catch {
    /* no report: the workspace failed before its tests ran */
  }
  if (r.status !== 0) broken.push(counted ? ws : `${ws} (no test report)`);
}
console.log('');
if (broken.length) console.log(`Failing workspaces: ${[...new Set(broken)].join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(broken.length || failed ? 1 : 0);
