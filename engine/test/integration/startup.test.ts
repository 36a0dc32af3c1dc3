import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sampleSite } from '../support/harness.js';

// The built engine when there is one (fast to start), else the source through tsx.
const built = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const args = existsSync(built) ? [built] : ['--import', 'tsx', fileURLToPath(new URL('../../src/main.ts', import.meta.url))];

function runMain(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env, LOG_LEVEL: 'silent' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('start-up checks', { timeout: 60_000 }, () => {
  it('refuses a bad site file with a message naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loket-site-'));
    const site = sampleSite('bad-site');
    site.counters[2]!.services = [['ktp', 'no-such-service']];
    (site as Record<string, unknown>).timezone = 'Mars/Olympus';
    const file = join(dir, 'site.json');
    writeFileSync(file, JSON.stringify(site));
    const r = await runMain({ LOKET_SITE_FILE: file, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).toBe(2);
    expect(r.out).toContain('counters.2.services.0.1: unknown service "no-such-service"');
    expect(r.out).toContain('timezone: unknown time zone "Mars/Olympus"');
  });

  it('refuses a bad environment variable naming it', async () => {
    const r = await runMain({ PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/PORT/);
  });
});
