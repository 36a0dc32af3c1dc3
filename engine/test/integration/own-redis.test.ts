/**
 * Own-Redis mode owns its process: a password generated under the data directory, AOF
 * verified, an orphan of a killed engine stopped before a new start, a foreign server on
 * the port refused.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logger.js';
import { superviseRedis } from '../../src/redis-supervisor.js';
import { freePort, startRedis } from '../support/redis-server.js';

const dir = mkdtempSync(join(tmpdir(), 'loket-own-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = createLogger('silent');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('own Redis', () => {
  it('requires its generated password, stops the orphan a killed engine left, and refuses a foreign server', async () => {
    const port = await freePort();
    const first = await superviseRedis({ dataDir: dir, port, fsync: 'always', log });
    const anon = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 0, lazyConnect: true });
    anon.on('error', () => undefined);
    await anon.connect().catch(() => undefined);
    await expect(anon.set('loket:session:x', '{}')).rejects.toThrow(/NOAUTH/);
    anon.disconnect();
    const orphan = Number(readFileSync(join(dir, 'redis.pid'), 'utf8'));
    // The engine dies without stopping its child (kill -9): a new start finds the orphan by its pid file.
    const second = await superviseRedis({ dataDir: dir, port, fsync: 'always', log });
    expect(alive(orphan)).toBe(false);
    const owned = new Redis(second.url);
    expect(await owned.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    owned.disconnect();
    await second.stop();
    void first;

    const foreign = await startRedis([], port);
    await expect(superviseRedis({ dataDir: dir, port, fsync: 'always', log })).rejects.toThrow(/already in use/);
    await foreign.stop();
  }, 30_000);
});
