/**
 * Runs a k6 script unchanged in Node against a real server, with a stand-in for the k6 modules
 * it imports (modules/*.mjs): each VU is a worker thread that loads the script (k6 runs the
 * init code in every VU), blocks on HTTP and WebSocket I/O like a k6 VU, and is scheduled by
 * its scenario's executor. This host makes the requests (fetch, `ws`), records every one of
 * them and every metric sample, and evaluates the script's thresholds at the end.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { evaluateThresholds, parseDuration, type Metric, type MetricKind, type ThresholdResult } from './thresholds.js';
import { WsHost } from './ws-host.js';

const here = dirname(fileURLToPath(import.meta.url));
const MODULES: Record<string, string> = {
  k6: 'k6.mjs',
  'k6/http': 'http.mjs',
  'k6/metrics': 'metrics.mjs',
  'k6/execution': 'execution.mjs',
  'k6/ws': 'ws.mjs',
};

export interface RequestRecord {
  vu: number;
  scenario: string;
  method: string;
  url: string;
  /** The `name` tag (k6 groups URLs by it), else the URL. */
  name: string;
  status: number;
  /** The engine's error code of a 4xx/5xx answer (`COUNTER_BUSY`, ...). */
  errorCode?: string;
  /** Whether k6 counts the answer as expected (default 200-399, or the request's responseCallback). */
  expected: boolean;
  requestBody: string | null;
  responseBody: string;
  startedAt: number;
  durationMs: number;
}

export interface RunResult {
  options: { scenarios?: Record<string, Record<string, unknown>>; thresholds?: Record<string, unknown[]> };
  requests: RequestRecord[];
  metrics: Map<string, Metric>;
  thresholds: ThresholdResult[];
  /** Exceptions thrown by setup, an iteration or teardown (k6 logs them and goes on). */
  errors: string[];
  logs: { vu: number; level: string; text: string }[];
  /** VUs stopped at their scenario's maxDuration + gracefulStop. */
  interrupted: number;
  /** VU id -> scenario. */
  vus: Map<number, string>;
  seconds: number;
}

export interface RunOptions {
  /** The script, e.g. loadtest/k6/peak-hour.js; the modules next to it (lib/) are loaded with it. */
  script: string;
  env: Record<string, string>;
  /** Per-scenario changes (fewer VUs for a test), merged into the script's own options. */
  scenarios?: Record<string, Record<string, unknown>>;
}

/** A copy of the script's folder with `from 'k6...'` turned into imports of the stand-in modules. */
function copyWithStandIns(scriptDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'k6-standin-'));
  cpSync(scriptDir, dir, { recursive: true });
  const rewrite = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) rewrite(p);
      else if (f.endsWith('.js')) {
        const src = readFileSync(p, 'utf8').replace(/(\bfrom\s+|\bimport\s+)(['"])(k6(?:\/[\w/-]+)?)\2/g, (_m, kw: string, _q: string, mod: string) => {
          const file = MODULES[mod];
          if (!file) throw new Error(`${p}: the k6 stand-in has no module ${mod}`);
          return `${kw}'${pathToFileURL(join(here, 'modules', file)).href}'`;
        });
        writeFileSync(p, src);
      }
    }
  };
  rewrite(dir);
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  return dir;
}

/** k6 hands VU ids out of one pool shared by all scenarios, in no fixed order: interleave them. */
function assignVuIds(counts: [string, number][]): Map<number, string> {
  const left = new Map(counts);
  const out = new Map<number, string>();
  let id = 1;
  while ([...left.values()].some((n) => n > 0)) {
    for (const [name, n] of left) {
      if (n <= 0) continue;
      out.set(id++, name);
      left.set(name, n - 1);
    }
  }
  return out;
}

function errorCodeOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

function isExpected(status: number, cb: unknown): boolean {
  const list = (cb as { expectedStatuses?: (number | { min: number; max: number })[] } | null)?.expectedStatuses;
  if (!list) return status >= 200 && status < 400;
  return list.some((e) => (typeof e === 'number' ? e === status : status >= e.min && status <= e.max));
}

export async function runK6Script(o: RunOptions): Promise<RunResult> {
  const scriptDir = dirname(resolve(o.script));
  const copy = copyWithStandIns(scriptDir);
  const scriptUrl = pathToFileURL(join(copy, resolve(o.script).slice(scriptDir.length + 1))).href;
  const requests: RequestRecord[] = [];
  const metrics = new Map<string, Metric>();
  const errors: string[] = [];
  const logs: RunResult['logs'] = [];
  const ws = new WsHost();
  const metric = (name: string, kind: MetricKind, isTime = false): Metric => {
    let m = metrics.get(name);
    if (!m) metrics.set(name, (m = { kind, isTime, samples: [] }));
    return m;
  };
  metric('http_reqs', 'counter');
  metric('http_req_duration', 'trend', true);
  metric('http_req_failed', 'rate');
  metric('checks', 'rate');
  metric('iterations', 'counter');

  let readyWaiters: { reply: (m: unknown) => void }[] = [];
  let expectedReady = 0;
  let shared: { t0: number; data: unknown } | null = null;

  async function handle(m: Record<string, unknown>, reply: (a: unknown) => void): Promise<void> {
    switch (m.op) {
      case 'http': {
        const started = Date.now();
        const t = performance.now();
        let status = 0;
        let body = '';
        let error = '';
        const headers: Record<string, string> = {};
        try {
          const r = await fetch(String(m.url), { method: String(m.method), headers: m.headers as Record<string, string>, body: (m.body as string | null) ?? undefined, signal: AbortSignal.timeout(Number(m.timeoutMs)) });
          status = r.status;
          body = await r.text();
          r.headers.forEach((v, k) => (headers[k] = v));
        } catch (err) {
          error = (err as Error).message;
        }
        const durationMs = performance.now() - t;
        const tags = m.tags as Record<string, string>;
        const expected = status > 0 && isExpected(status, m.expected);
        const name = tags.name ?? String(m.url);
        const sampleTags = { ...tags, name, method: String(m.method), status: String(status), expected_response: String(expected) };
        requests.push({ vu: Number(m.vu ?? 0), scenario: tags.scenario ?? '', method: String(m.method), url: String(m.url), name, status, errorCode: status >= 400 ? errorCodeOf(body) : undefined, expected, requestBody: (m.body as string | null) ?? null, responseBody: body, startedAt: started, durationMs });
        metric('http_reqs', 'counter').samples.push({ value: 1, tags: sampleTags });
        metric('http_req_duration', 'trend', true).samples.push({ value: durationMs, tags: sampleTags });
        metric('http_req_failed', 'rate').samples.push({ value: expected ? 0 : 1, tags: sampleTags });
        reply({ status, body, headers, durationMs, error });
        return;
      }
      case 'ws-open':
        reply(await ws.open(String(m.url), m.headers as Record<string, string>));
        return;
      case 'ws-next':
        reply(await ws.next(Number(m.id), Number(m.timeoutMs)));
        return;
      case 'ws-send':
        ws.send(Number(m.id), String(m.data));
        return;
      case 'ws-close':
        ws.close(Number(m.id));
        return;
      case 'define':
        metric(String(m.metric), m.kind as MetricKind, Boolean(m.isTime));
        return;
      case 'sample':
        metric(String(m.metric), m.kind as MetricKind, Boolean(m.isTime)).samples.push({ value: Number(m.value), tags: m.tags as Record<string, string> });
        return;
      case 'log':
        logs.push({ vu: Number(m.vu), level: String(m.level), text: String(m.text) });
        return;
      case 'error':
      case 'abort':
        errors.push(`VU ${String(m.vu)} (${String(m.scenario ?? '')}): ${String(m.text)}`);
        return;
      case 'ready':
        readyWaiters.push({ reply });
        if (readyWaiters.length === expectedReady) {
          shared = { t0: Date.now() + 20, data: shared?.data ?? null };
          for (const w of readyWaiters) w.reply(shared);
          readyWaiters = [];
        }
        return;
      default:
        throw new Error(`k6 stand-in: unknown message ${String(m.op)}`);
    }
  }

  /** Starts a worker in `role`; resolves with what it reports when done. */
  function spawn(role: string, vuId: number, extra: Record<string, unknown> = {}): { worker: Worker; done: Promise<unknown> } {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const sig = new Int32Array(signal);
    const worker = new Worker(join(here, 'vu-worker.mjs'), {
      workerData: { role, vuId, scriptUrl, scriptDir, env: o.env, port: port2, signal, ...extra },
      transferList: [port2 as unknown as MessagePort],
      stdout: false,
    });
    const reply = (a: unknown): void => {
      port1.postMessage(a);
      Atomics.store(sig, 0, 1);
      Atomics.notify(sig, 0);
    };
    const done = new Promise<unknown>((res, rej) => {
      const dispatch = (m: Record<string, unknown>): void => {
        if (m.op === 'done') return res(m.data);
        handle({ ...m, vu: m.vu ?? vuId }, reply).catch((err: Error) => reply({ fatal: err.message }));
      };
      port1.on('message', dispatch);
      worker.on('error', (err) => rej(err));
      worker.on('exit', () => {
        // What the worker sent just before it ended may still be queued.
        for (let q = receiveMessageOnPort(port1); q; q = receiveMessageOnPort(port1)) dispatch(q.message as Record<string, unknown>);
        res(undefined);
      });
    });
    return { worker, done: done.finally(() => port1.close()) };
  }

  const t0 = Date.now();
  try {
    const init = (await spawn('options', 0).done) as { options: RunResult['options']; functions: string[] };
    const options = init.options;
    const scenarios: Record<string, Record<string, unknown>> = {};
    for (const [name, s] of Object.entries(options.scenarios ?? { default: { executor: 'per-vu-iterations', vus: 1, iterations: 1 } })) {
      scenarios[name] = { ...s, ...(o.scenarios?.[name] ?? {}) };
    }
    options.scenarios = scenarios;
    const vuCount = (s: Record<string, unknown>): number => Number(s.executor === 'constant-arrival-rate' ? (s.preAllocatedVUs ?? 1) : (s.vus ?? 1));
    const vus = assignVuIds(Object.entries(scenarios).map(([n, s]) => [n, vuCount(s)]));
    const setupData = init.functions.includes('setup') ? await spawn('setup', 0).done : null;
    shared = { t0: 0, data: setupData };
    const counters = new Map(Object.keys(scenarios).map((n) => [n, new SharedArrayBuffer(4)]));
    expectedReady = vus.size;
    const running: { worker: Worker; done: Promise<unknown>; stopAfterMs: number }[] = [];
    for (const [id, name] of vus) {
      const s = scenarios[name]!;
      const executor = String(s.executor);
      const startTimeMs = parseDuration(s.startTime as string | undefined, 0);
      const durationMs = executor === 'per-vu-iterations' || executor === 'shared-iterations' ? parseDuration(s.maxDuration as string | undefined, 600_000) : parseDuration(s.duration as string | undefined, 0);
      const plan = {
        name,
        executor,
        exec: String(s.exec ?? 'default'),
        startTimeMs,
        durationMs,
        iterationsPerVu: Number(s.iterations ?? 1),
        iterationsTotal: Number(s.iterations ?? 1),
        periodMs: parseDuration((s.timeUnit as string | undefined) ?? '1s', 1000) / Number(s.rate ?? 1),
        counter: counters.get(name),
      };
      const w = spawn('vu', id, { plan });
      running.push({ ...w, stopAfterMs: startTimeMs + durationMs + parseDuration(s.gracefulStop as string | undefined, 30_000) });
    }
    let interrupted = 0;
    await Promise.all(
      running.map(async (r) => {
        const stop = new Promise<'stop'>((res) => setTimeout(() => res('stop'), r.stopAfterMs + 10_000).unref());
        if ((await Promise.race([r.done, stop])) === 'stop') {
          interrupted++;
          await r.worker.terminate();
        }
      }),
    );
    if (init.functions.includes('teardown')) await spawn('teardown', 0, { data: setupData }).done;
    const seconds = (Date.now() - t0) / 1000;
    return { options, requests, metrics, thresholds: evaluateThresholds(options.thresholds ?? {}, metrics, seconds), errors, logs, interrupted, vus, seconds };
  } finally {
    ws.closeAll();
    rmSync(copy, { recursive: true, force: true });
  }
}
