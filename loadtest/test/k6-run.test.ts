/**
 * The k6 scripts run unchanged against a real engine child and redis-server, with a stand-in
 * for the k6 modules (k6-standin/): several VUs at once, a few seconds each. Checks the
 * requests they made and the thresholds they declare, never the timings (a shared CI machine).
 * LOKET_K6_DIR runs the scripts of another folder (e.g. an older commit's loadtest/k6).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisHandle } from '../../engine/test/support/redis-server.js';
import { startEngine, type EngineProcess } from '../src/lib/engine-process.js';
import { displayToken, kioskToken, loadSite, writeSiteCopies, type SiteDir } from '../src/lib/sites.js';
import { runK6Script, type RequestRecord, type RunResult } from './k6-standin/runner.js';

const k6Dir = process.env.LOKET_K6_DIR ? resolve(process.env.LOKET_K6_DIR) : fileURLToPath(new URL('../k6/', import.meta.url));
const beforeFix = fileURLToPath(new URL('./fixtures/peak-hour-before-issue-16.js', import.meta.url));
/** A smaller mall for speed: 8 counters of 5 agencies (ids as in the sample). */
const COUNTERS = ['1', '2', '3', '9', '10', '12', '15', '24'];

let redis: RedisHandle;
let engine: EngineProcess;
let sites: SiteDir;
let env: Record<string, string>;

beforeAll(async () => {
  const sample = loadSite();
  sample.counters = sample.counters.filter((c) => COUNTERS.includes(c.id));
  sites = writeSiteCopies(1, false, sample);
  const site = sites.ids[0]!;
  redis = await startRedis();
  engine = await startEngine({ redisUrl: redis.url, siteFile: sites.dir });
  env = { BASE_URL: engine.url, SITE: site, SITE_FILE: join(sites.dir, `${site}.json`), KIOSK_TOKEN: kioskToken(site), DISPLAY_TOKEN: displayToken(site) };
});

afterAll(async () => {
  await engine?.stop();
  await redis?.stop();
  sites?.remove();
});

const counterOf = (q: RequestRecord): string | undefined => /\/counters\/([^/]+)/.exec(q.url)?.[1];
const ticketOf = (q: RequestRecord): { id: string } | null => (q.status === 200 ? (JSON.parse(q.responseBody) as { ticket: { id: string } | null }).ticket : null);
const show = (qs: RequestRecord[]): string[] => qs.slice(0, 10).map((q) => `VU ${q.vu} ${q.method} ${q.url} -> ${q.status} ${q.responseBody.slice(0, 120)}`);

/** The thresholds the script declares, except those on times (they depend on the machine). */
function expectThresholdsHold(r: RunResult): void {
  const data = r.thresholds.filter((t) => !t.isTime);
  expect(data.map((t) => t.key)).toContain('http_req_failed');
  expect(data.filter((t) => !t.ok).map((t) => `${t.key} ${t.expr}: ${t.value}`)).toEqual([]);
}

/** Runs peak-hour with 4 kiosk VUs for 4 s (40 simulated minutes at 600x); `counterVus` overrides the script's count. */
function peakHour(script: string, counterVus?: number): Promise<RunResult> {
  return runK6Script({
    script,
    env: { ...env, FACTOR: '600', MINUTES: '40', PER_HOUR: '150' },
    scenarios: { kiosk: { preAllocatedVUs: 4 }, ...(counterVus ? { counters: { vus: counterVus } } : {}) },
  });
}

/** Every request-order rule the counter VUs must keep, as failures found in the request log. */
function counterMisuse(r: RunResult): string[] {
  const out: string[] = [];
  const opened = new Set<string>();
  const held = new Map<string, string>();
  const owner = new Map<string, number>();
  for (const q of [...r.requests].sort((a, b) => a.startedAt - b.startedAt)) {
    const c = counterOf(q);
    if (q.method === 'PATCH' && c && q.status === 200) opened.add(c);
    if (q.name !== 'call-next' || !c) {
      const m = /\/tickets\/([^/]+)\/(finish|requeue|no-show)$/.exec(q.url);
      if (m && q.status === 200) for (const [k, v] of held) if (v === m[1]) held.delete(k);
      continue;
    }
    if (!opened.has(c)) out.push(`call-next on counter ${c} before it was opened`);
    if (owner.has(c) && owner.get(c) !== q.vu) out.push(`counter ${c} called by VU ${owner.get(c)} and VU ${q.vu}`);
    owner.set(c, q.vu);
    if (held.has(c)) out.push(`call-next on counter ${c} (VU ${q.vu}) while it holds ticket ${held.get(c)}`);
    const t = ticketOf(q);
    if (t) held.set(c, t.id);
  }
  return [...new Set(out)];
}

describe('k6 scripts run against a real engine (k6 stand-in)', () => {
  it('peak-hour: one VU per counter, no call-next meets COUNTER_BUSY, every request succeeds, thresholds hold', async () => {
    // Two VUs more than counters (as if a user raised the scenario's vus): they must stand aside.
    const r = await peakHour(join(k6Dir, 'peak-hour.js'), COUNTERS.length + 2);
    expect(r.errors).toEqual([]);
    expect(r.logs.filter((l) => l.level === 'warn' && /has 8 counters/.test(l.text))).toHaveLength(2);
    expect(r.interrupted).toBe(0);
    const busy = r.requests.filter((q) => q.name === 'call-next' && q.errorCode === 'COUNTER_BUSY');
    expect(show(busy), 'call-next answered 409 COUNTER_BUSY').toEqual([]);
    expect(show(r.requests.filter((q) => q.status === 0 || q.status >= 400))).toEqual([]);
    expect(counterMisuse(r)).toEqual([]);
    // Every counter of the site has exactly one VU, and the VUs of the scenario took all of them.
    const byCounter = new Map<string, Set<number>>();
    for (const q of r.requests.filter((x) => x.name === 'call-next')) byCounter.set(counterOf(q)!, (byCounter.get(counterOf(q)!) ?? new Set()).add(q.vu));
    expect([...byCounter.keys()].sort()).toEqual([...COUNTERS].sort());
    expect([...byCounter.values()].every((s) => s.size === 1)).toBe(true);
    // VU ids of the two scenarios interleave, as in k6: counter VUs are not 1..8.
    const counterVus = [...r.vus].filter(([, s]) => s === 'counters').map(([id]) => id);
    expect(counterVus).not.toEqual(counterVus.map((_c, i) => i + 1));
    // Work was done and the metrics say so.
    const issued = r.requests.filter((q) => q.name === 'issue' && q.status === 201).length;
    const finished = r.requests.filter((q) => q.name === 'finish' && q.status === 200).length;
    expect(issued).toBeGreaterThan(40);
    expect(finished).toBeGreaterThan(4);
    expect(r.metrics.get('tickets_served')?.samples.length).toBe(finished);
    expect(r.metrics.get('checks')?.samples.every((s) => s.value === 1)).toBe(true);
    expectThresholdsHold(r);
    // The engine agrees: no counter holds a ticket after the run.
    const login = (await (await fetch(`${engine.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `${env.SITE}/supervisor`, password: 'demo' }) })).json()) as { token: string };
    const list = (await (await fetch(`${engine.url}/api/v1/sites/${env.SITE}/counters`, { headers: { authorization: `Bearer ${login.token}` } })).json()) as { counters: { id: string; status: string; currentTicket: unknown }[] };
    expect(list.counters.filter((c) => c.currentTicket !== null).map((c) => c.id)).toEqual([]);
    expect(list.counters.every((c) => c.status === 'open')).toBe(true);
  });

  it('the stand-in catches the bug of issue 16: the script before the fix puts two VUs on one counter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k6-before-'));
    try {
      cpSync(fileURLToPath(new URL('../k6/', import.meta.url)), dir, { recursive: true });
      cpSync(beforeFix, join(dir, 'peak-hour.js'));
      const r = await peakHour(join(dir, 'peak-hour.js'));
      const busy = r.requests.filter((q) => q.name === 'call-next' && q.errorCode === 'COUNTER_BUSY');
      expect(busy.length).toBeGreaterThan(0);
      expect(busy.every((q) => q.status === 409)).toBe(true);
      expect(counterMisuse(r).some((m) => /called by VU \d+ and VU \d+/.test(m))).toBe(true);
      expect(r.thresholds.find((t) => t.key === 'http_req_failed')?.ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('displays: every screen connects and gets every call gap-free, thresholds hold', async () => {
    const r = await runK6Script({ script: join(k6Dir, 'displays.js'), env: { ...env, DISPLAYS: '4', SECONDS: '3', INTERVAL: '300', WARMUP: '1', DRAIN: '1' } });
    expect(r.errors).toEqual([]);
    expect(r.interrupted).toBe(0);
    expect(show(r.requests.filter((q) => q.status === 0 || q.status >= 400))).toEqual([]);
    expect(counterMisuse(r)).toEqual([]);
    const calls = r.requests.filter((q) => q.name === 'call-next' && ticketOf(q)).length;
    expect(calls).toBeGreaterThan(3);
    expect(r.metrics.get('display_connected')?.samples.map((s) => s.value)).toEqual([1, 1, 1, 1]);
    expect(r.metrics.get('called_events_received')?.samples.length).toBe(calls * 4);
    expect(r.metrics.get('seq_gaps')?.samples.length).toBe(0);
    expect(r.metrics.get('checks')?.samples.filter((s) => s.tags.check === 'upgraded 101').map((s) => s.value)).toEqual([1, 1, 1, 1]);
    expectThresholdsHold(r);
  });
});
