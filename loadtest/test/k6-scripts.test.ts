/** The k6 scripts are plain ES modules that pass `node --check` (k6-run.test.ts runs them against an engine). */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const k6Dir = fileURLToPath(new URL('../k6/', import.meta.url));
const checker = fileURLToPath(new URL('../scripts/check-k6.mjs', import.meta.url));

describe('k6 scripts', () => {
  it('the peak-hour and displays scripts exist and use k6 modules', () => {
    const files = readdirSync(k6Dir);
    expect(files).toEqual(expect.arrayContaining(['peak-hour.js', 'displays.js']));
    expect(readFileSync(join(k6Dir, 'peak-hour.js'), 'utf8')).toMatch(/thresholds/);
    const displays = readFileSync(join(k6Dir, 'displays.js'), 'utf8');
    expect(displays).toMatch(/from 'k6\/ws'/);
    expect(displays).toContain('EIO=4');
    expect(displays).toMatch(/`40\$\{NSP\},/);
  });

  it('every script passes the syntax check', () => {
    const out = execFileSync(process.execPath, [checker], { encoding: 'utf8' });
    expect(out.match(/^ok /gm)?.length).toBeGreaterThanOrEqual(3);
  });

  it('the check fails on a module with a syntax error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k6-bad-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
      writeFileSync(join(dir, 'bad.js'), "import http from 'k6/http';\nexport default function () { http.get( }\n");
      const r = spawnSync(process.execPath, ['--check', join(dir, 'bad.js')]);
      expect(r.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
