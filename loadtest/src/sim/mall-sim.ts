/**
 * One simulated mall driving the engine over HTTP: a kiosk issues the
 * arrivals, each counter calls, starts, serves (for the service's time,
 * compressed by `factor`) and finishes; route tickets come back for their
 * next step. Records every request's latency and each ticket's wait.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorBody, TicketDto } from '@loket/engine/protocol';
import { paths, type Staff } from '../lib/accounts.js';
import { callKey } from '../lib/displays.js';
import type { HttpClient, HttpResult, RequestOptions } from '../lib/http-client.js';
import { servicesOf, type SiteDef } from '../lib/sites.js';
import type { Recorder } from '../lib/stats.js';
import type { Arrival } from './demand.js';
import type { Rng } from './random.js';
import { WakeBoard } from './wake-board.js';

/** Latencies by request kind, shared by all malls of a run. */
export type KindLatencies = Map<string, number[]>;

export interface MallSimOptions {
  http: HttpClient;
  site: SiteDef;
  siteId: string;
  kioskToken: string;
  staff: Staff[];
  /** Time compression: simulated seconds per wall second. */
  factor: number;
  rng: Rng;
  recorder: Recorder;
  kinds: KindLatencies;
  /** Call sent times by callKey, for call-to-screen (only when displays listen). */
  callSentAt?: Map<string, number>;
}

interface Tracked {
  serviceId: string;
  /** performance.now() when it (re-)entered a queue. */
  waitingSince: number;
}

type TicketBody = { ticket: TicketDto | null };

export class MallSim {
  issued = 0;
  done = 0;
  calls = 0;
  routeSteps = 0;
  readonly errors: Record<string, number> = {};
  /** Simulated minutes from (re-)entering a queue to the call, per service. */
  readonly waits = new Map<string, number[]>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly board = new WakeBoard();
  private readonly avgMinutes: Map<string, number>;
  private readonly abort = new AbortController();
  private stopped = false;

  constructor(private readonly o: MallSimOptions) {
    // Every sleeping counter listens on this one signal.
    setMaxListeners(0, this.abort.signal);
    this.avgMinutes = new Map(servicesOf(o.site).map((s) => [s.id, s.avgServiceMinutes]));
  }

  /** Tickets issued and not yet done (waiting, called or serving). */
  get open(): number {
    return this.tracked.size;
  }

  private async req(kind: string, method: string, path: string, o: RequestOptions): Promise<HttpResult<TicketBody> | null> {
    try {
      const r = await this.o.http.request<TicketBody>(method, path, o);
      const end = r.sentAt + r.ms;
      if (r.status >= 200 && r.status < 300) {
        this.o.recorder.add(r.ms, end);
        const arr = this.o.kinds.get(kind);
        if (arr) arr.push(r.ms);
        else this.o.kinds.set(kind, [r.ms]);
      } else {
        this.o.recorder.error(end);
        const code = (r.body as unknown as ErrorBody | null)?.error?.code ?? 'HTTP';
        const k = `${kind} ${r.status} ${code}`;
        this.errors[k] = (this.errors[k] ?? 0) + 1;
      }
      return r;
    } catch (err) {
      this.o.recorder.error(performance.now());
      const k = `${kind} ${(err as Error).message}`;
      this.errors[k] = (this.errors[k] ?? 0) + 1;
      return null;
    }
  }

  async issue(a: Arrival): Promise<void> {
    const body: Record<string, unknown> = { serviceId: a.serviceId, priority: a.priority, channel: 'kiosk' };
    if (a.priorityReason) body.priorityReason = a.priorityReason;
    if (a.route) body.route = a.route;
    const r = await this.req('issue', 'POST', paths.tickets(this.o.siteId), {
      token: this.o.kioskToken,
      body,
      headers: { 'idempotency-key': randomUUID() },
    });
    const t = r && r.status === 201 ? r.body.ticket : null;
    if (!t) return;
    this.issued++;
    this.tracked.set(t.id, { serviceId: t.serviceId, waitingSince: performance.now() });
    this.board.arrived(t.serviceId);
  }

  private sleep(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }

  /** Simulated service time in wall ms: the service's average, uniform in 0.5x..1.5x. */
  serviceMs(serviceId: string): number {
    return ((this.avgMinutes.get(serviceId) ?? 10) * (0.5 + this.o.rng()) * 60_000) / this.o.factor;
  }

  /** Runs one counter until stop(). `firstDelayMs` models a desk already busy at the start. */
  async runCounter(s: Staff, firstDelayMs = 0): Promise<void> {
    const def = this.o.site.counters.find((c) => c.id === s.counterId);
    const services = new Set(def?.services.flat() ?? []);
    // Idle counters are woken by arrivals (WakeBoard); this is only a safety net, and
    // must stay rare: 7,800 idle desks polling every 10 s would be 780 requests/s.
    const idleMs = Math.min(60_000, Math.max(200, (120 * 1000) / this.o.factor));
    if (firstDelayMs > 0) await this.sleep(firstDelayMs);
    const opt = { token: s.token };
    while (!this.stopped) {
      const sent = performance.now();
      const r = await this.req('call-next', 'POST', paths.callNext(this.o.siteId, s.counterId), opt);
      const t = r?.status === 200 ? r.body.ticket : null;
      if (!t) {
        if (this.stopped) break;
        if (r?.status === 200) await this.board.wait(services, idleMs);
        else await this.sleep(idleMs);
        continue;
      }
      this.calls++;
      this.o.callSentAt?.set(callKey(t), sent);
      const tr = this.tracked.get(t.id);
      // A counter can call a ticket before this process has read the answer that issued
      // (or re-queued) it: then the wait comes from the engine's own times. For a route
      // step that over-counts by the earlier service; it is rare and only one sample.
      const waitedMs = tr ? performance.now() - tr.waitingSince : Date.parse(t.calledAt ?? t.createdAt) - Date.parse(t.createdAt);
      const simMin = (Math.max(0, waitedMs) * this.o.factor) / 60_000;
      const w = this.waits.get(t.serviceId);
      if (w) w.push(simMin);
      else this.waits.set(t.serviceId, [simMin]);
      const st = await this.req('start', 'POST', paths.ticket(this.o.siteId, t.id, 'start'), opt);
      if (st?.status !== 200) {
        await this.req('no-show', 'POST', paths.ticket(this.o.siteId, t.id, 'no-show'), opt);
        this.tracked.delete(t.id);
        continue;
      }
      await this.sleep(this.serviceMs(t.serviceId));
      if (this.stopped) break;
      const f = await this.req('finish', 'POST', paths.ticket(this.o.siteId, t.id, 'finish'), opt);
      const after = f?.status === 200 ? f.body.ticket : null;
      if (after?.state === 'waiting') {
        this.routeSteps++;
        this.tracked.set(t.id, { serviceId: after.serviceId, waitingSince: performance.now() });
        this.board.arrived(after.serviceId);
      } else if (after?.state === 'done') {
        this.done++;
        this.tracked.delete(t.id);
      }
    }
  }

  /** Open tickets per service (what is left when the run stops). */
  openByService(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of this.tracked.values()) out[t.serviceId] = (out[t.serviceId] ?? 0) + 1;
    return out;
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    this.board.wakeAll();
  }
}
