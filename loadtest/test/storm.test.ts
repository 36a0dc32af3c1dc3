/**
 * The reconnect storm, small (200 display sockets): the engine process is stopped with
 * SIGTERM, later killed with SIGKILL, and restarted on its port while a counter keeps
 * calling. Every socket must come back, resume and reach the latest seq with no gap, and
 * the engine's memory stays bounded. Data is asserted, not timings (the full run with
 * 2,000 sockets is `npm run loadtest -- storm`; its figures are in the README).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEngineBuilt } from '../src/lib/engine-process.js';
import { storm, type StormMemory, type StormRound } from '../src/scenarios/storm.js';

/**
 * Memory bounds for 200 screens. The engine idles at about 130 MB RSS with them (node, the
 * site, Socket.IO); a storm that buffered a replay or a snapshot per socket, or kept the
 * sockets of the engine it replaced, would show up as hundreds of MB. So: no engine
 * process above 300 MB RSS at any sample, and after the storm (full GC) the heap within
 * 16 MB of what the first engine held with the same sockets before it.
 */
const MAX_RSS_MB = 300;
const MAX_HEAP_GROWTH_MB = 16;

let dir: string;
beforeAll(() => {
  ensureEngineBuilt();
  dir = mkdtempSync(join(tmpdir(), 'loket-storm-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reconnect storm, small', () => {
  it('200 screens across a SIGTERM and a SIGKILL restart all reach the latest seq with no gap, memory bounded', async () => {
    const r = await storm({ flags: { sockets: '200' }, small: true, resultsDir: dir });
    const saved = JSON.parse(readFileSync(r.files!.json, 'utf8')) as Record<string, unknown>;
    expect(saved.scenario).toBe('storm');
    const rounds = r.rounds as StormRound[];
    expect(rounds.map((x) => x.signal)).toEqual(['SIGTERM', 'SIGKILL']);
    // SIGTERM is a graceful stop (exit 0); SIGKILL ends it at once.
    expect(rounds[0]!.exit.code).toBe(0);
    expect(rounds[1]!.exit.signal).toBe('SIGKILL');
    for (const round of rounds) {
      expect(round.converged, `${round.signal}: sockets live again`).toBe(200);
      expect(round.convergeMs.count).toBe(200);
    }
    // Calls went on through both restarts, so the screens had events to miss.
    expect(r.calls as number).toBeGreaterThan(5);
    expect(r.finalSeq as number).toBeGreaterThan(20);
    expect(r.socketsAtLatest, JSON.stringify(r.behindSample)).toBe(200);
    expect(r.socketsWithGaps).toBe(0);
    expect(r.missingEvents).toBe(0);
    expect(r.errors).toEqual({});
    const mem = r.memory as StormMemory;
    expect(mem.peaks).toHaveLength(3);
    for (const p of mem.peaks) {
      expect(p.rssMb).toBeGreaterThan(30);
      expect(p.rssMb).toBeLessThan(MAX_RSS_MB);
    }
    expect(mem.after.heapUsedMb).toBeLessThan(mem.before.heapUsedMb + MAX_HEAP_GROWTH_MB);
  });
});
