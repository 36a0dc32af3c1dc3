/** Device tokens: one token names one device of one site; an expired token is refused. */
import { SiteRegistry } from '../../src/app/site-registry.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSites } from '../../src/site-loader.js';
import { SessionStore } from '../../src/store/session-store.js';
import { sampleSite, testSite } from '../support/harness.js';
import type { Redis } from 'ioredis';

describe('device tokens', () => {
  it('refuses at start the same device token in two site files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loket-sites-'));
    try {
      writeFileSync(join(dir, 'a.json'), JSON.stringify(sampleSite('mall-a')));
      writeFileSync(join(dir, 'b.json'), JSON.stringify(sampleSite('mall-b')));
      expect(() => loadSites(dir)).toThrow(/already used by a device of site "mall-a"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a device token after its expiresAt', async () => {
    const site = testSite((raw) => {
      const devices = raw.devices as { role: string; expiresAt?: string }[];
      devices.find((d) => d.role === 'kiosk')!.expiresAt = '2020-01-01T00:00:00Z';
    });
    const store = new SessionStore({} as Redis, new SiteRegistry([site]), { ttlSeconds: 60, production: false });
    expect(await store.resolve('demo-kiosk-token')).toBeNull();
    expect((await store.resolve('demo-display-token'))?.username).toBe('device:demo-display');
  });
});
