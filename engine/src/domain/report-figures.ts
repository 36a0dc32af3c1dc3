/**
 * Figures kept as events happen: one fixed-size record per (business day, dimension, hour or
 * whole day), where a dimension is a service, an agency, a counter or a staff account. A
 * record is a Redis string written with `BITFIELD INCRBY` (saturating): nine u32 counters
 * then two histograms of u16 buckets (wait: issue -> call; service time: start -> finish).
 * Fixed buckets keep a record at RECORD_BYTES whatever the volume, so a year of days has a
 * bound (see README "Reports: memory"). Pure: the store runs the ops this module computes.
 */
import { localTime } from './clock.js';

/** Upper bounds (minutes) of the histogram buckets; the last bucket is everything above. */
export const BUCKET_UPPER_MINUTES: readonly number[] = (() => {
  const b: number[] = [];
  for (let m = 1; m <= 30; m++) b.push(m); // 1-minute buckets to half an hour
  for (let m = 32; m <= 60; m += 2) b.push(m);
  for (let m = 65; m <= 120; m += 5) b.push(m);
  for (let m = 135; m <= 240; m += 15) b.push(m);
  for (let m = 270; m <= 480; m += 30) b.push(m);
  b.push(Infinity);
  return b;
})();
export const BUCKETS = BUCKET_UPPER_MINUTES.length;

/** The u32 counters at the start of a record, in order. */
export const COUNTS = ['issued', 'called', 'served', 'noShow', 'cancelled', 'walkedOut', 'withinSla', 'waitSumSec', 'svcSumSec'] as const;
export type CountName = (typeof COUNTS)[number];
const COUNT_INDEX = Object.fromEntries(COUNTS.map((c, i) => [c, i])) as Record<CountName, number>;
const HIST_BASE_BITS = COUNTS.length * 32;
/** Bytes of one record once its last bucket is written (BITFIELD grows a string to the offset touched). */
export const RECORD_BYTES = COUNTS.length * 4 + BUCKETS * 2 * 2;

/** A decoded record. */
export interface ReportRecord {
  counts: Record<CountName, number>;
  /** Wait samples (issue or re-queue to the first call at that service) per bucket. */
  waitHist: number[];
  /** Service time samples (start -> finish) per bucket. */
  svcHist: number[];
}

export type Dimension = `s.${string}` | `a.${string}` | `c.${string}` | `u.${string}`;
/** Two-digit hour in the site's zone, or `d` for the whole day. */
export type Slot = string;

/** One record's increments: BITFIELD triples [type, offset, by]. */
export interface RecordOps {
  day: string;
  dim: Dimension;
  slot: Slot;
  /** Flat [type, offset, by, type, offset, by, ...]. */
  incr: (string | number)[];
}

export function bucketOf(ms: number): number {
  const min = Math.max(0, ms) / 60_000;
  for (let i = 0; i < BUCKETS; i++) if (min < BUCKET_UPPER_MINUTES[i]!) return i;
  return BUCKETS - 1;
}

/** The event fields the figures read (as store/lua/includes/emit.lua writes them). */
export interface FigureEvent {
  seq: number;
  type: string;
  at: number;
  t?: Record<string, string>;
  c?: string;
  from?: string;
  /** ticket.called: 1 when this call recorded the ticket's wait (its first call at this service). */
  wr?: number;
}

/** What the figures need of a site: zone, SLA minutes and agency of each service. */
export interface FigureSite {
  timezone: string;
  services: ReadonlyMap<string, { agencyId: string; sla: { minutes: number } }>;
}

type Inc = { count?: Partial<Record<CountName, number>>; wait?: number; svc?: number };

/**
 * The record increments of a batch of events, merged per record and field. Each event adds
 * to its day record and its hour record of every dimension it concerns.
 */
export function figureOps(site: FigureSite, events: readonly FigureEvent[]): RecordOps[] {
  const acc = new FigureAcc();
  acc.add(site, events);
  return acc.ops();
}

/**
 * Record increments merged over any number of batches of events (in seq order): `add` the
 * batches, then `ops` gives the increments of them all, as `figureOps` of their concatenation.
 */
export class FigureAcc {
  private readonly acc = new Map<string, { day: string; dim: Dimension; slot: Slot; fields: Map<number, { type: string; by: number }> }>();

  get empty(): boolean {
    return this.acc.size === 0;
  }

  private put(day: string, hour: string, dims: Dimension[], inc: Inc): void {
    for (const dim of dims) {
      for (const slot of [hour, 'd']) {
        const id = `${day}|${dim}|${slot}`;
        let r = this.acc.get(id);
        if (!r) this.acc.set(id, (r = { day, dim, slot, fields: new Map() }));
        const put = (type: string, offset: number, by: number): void => {
          const f = r!.fields.get(offset);
          if (f) f.by += by;
          else r!.fields.set(offset, { type, by });
        };
        for (const [k, v] of Object.entries(inc.count ?? {})) if (v) put('u32', COUNT_INDEX[k as CountName] * 32, v);
        if (inc.wait !== undefined) put('u16', HIST_BASE_BITS + bucketOf(inc.wait) * 16, 1);
        if (inc.svc !== undefined) put('u16', HIST_BASE_BITS + (BUCKETS + bucketOf(inc.svc)) * 16, 1);
      }
    }
  }

  add(site: FigureSite, events: readonly FigureEvent[]): void {
    for (const e of events) {
      const t = e.t;
      if (!t || !e.type.startsWith('ticket.')) continue;
      const lt = localTime(e.at, site.timezone);
      const day = lt.date;
      const hour = String(Math.floor(lt.minutes / 60)).padStart(2, '0');
      const dimsOf = (serviceId: string, withDesk: boolean): Dimension[] => {
        const d: Dimension[] = [`s.${serviceId}`];
        const agency = site.services.get(serviceId)?.agencyId ?? t.agencyId;
        if (agency) d.push(`a.${agency}`);
        if (withDesk && e.c) d.push(`c.${e.c}`);
        if (withDesk && t.calledBy) d.push(`u.${t.calledBy}`);
        return d;
      };
      const served = (serviceId: string): void => {
        const ms = Math.max(0, e.at - Number(t.startedAt));
        if (!Number.isFinite(ms)) return;
        this.put(day, hour, dimsOf(serviceId, true), { count: { served: 1, svcSumSec: Math.round(ms / 1000) }, svc: ms });
      };
      switch (e.type) {
        case 'ticket.issued':
          this.put(day, hour, dimsOf(t.serviceId!, false), { count: { issued: 1 } });
          break;
        case 'ticket.called': {
          if (!e.wr) break;
          const ms = Math.max(0, e.at - Number(t.queuedAt));
          const sla = site.services.get(t.serviceId!)?.sla.minutes ?? Infinity;
          this.put(day, hour, dimsOf(t.serviceId!, true), {
            count: { called: 1, waitSumSec: Math.round(ms / 1000), withinSla: ms <= sla * 60_000 ? 1 : 0 },
            wait: ms,
          });
          break;
        }
        case 'ticket.finished':
          served(t.serviceId!);
          break;
        case 'ticket.transferred':
          // From a counter (a route's next step or a transfer while serving): the service at `from` is done.
          if (e.c && e.from && t.startedAt) served(e.from);
          break;
        case 'ticket.no_show':
          this.put(day, hour, dimsOf(t.serviceId!, true), { count: { noShow: 1 } });
          break;
        case 'ticket.cancelled': {
          const walked = !e.c && t.waitRecorded !== '1';
          this.put(day, hour, dimsOf(t.serviceId!, !!e.c), { count: { cancelled: 1, walkedOut: walked ? 1 : 0 } });
          break;
        }
      }
    }
  }

  ops(): RecordOps[] {
    return [...this.acc.values()].map((r) => ({
      day: r.day,
      dim: r.dim,
      slot: r.slot,
      incr: [...r.fields.entries()].flatMap(([offset, f]) => [f.type, offset, f.by]),
    }));
  }
}

/** Decodes a record string (big-endian, as BITFIELD lays it out); a missing key is all zeros. */
export function decodeRecord(buf: Uint8Array | null | undefined): ReportRecord {
  const b = buf ?? new Uint8Array(0);
  const at = (i: number): number => b[i] ?? 0;
  const u32 = (i: number): number => ((at(i) << 24) >>> 0) + (at(i + 1) << 16) + (at(i + 2) << 8) + at(i + 3);
  const u16 = (i: number): number => (at(i) << 8) + at(i + 1);
  const counts = Object.fromEntries(COUNTS.map((c, i) => [c, u32(i * 4)])) as Record<CountName, number>;
  const base = COUNTS.length * 4;
  return {
    counts,
    waitHist: Array.from({ length: BUCKETS }, (_, i) => u16(base + i * 2)),
    svcHist: Array.from({ length: BUCKETS }, (_, i) => u16(base + (BUCKETS + i) * 2)),
  };
}

export function emptyRecord(): ReportRecord {
  return decodeRecord(null);
}

/** The sum of records (an agency over days, a service over a month). */
export function mergeRecords(rs: readonly ReportRecord[]): ReportRecord {
  const out = emptyRecord();
  for (const r of rs) {
    for (const c of COUNTS) out.counts[c] += r.counts[c];
    for (let i = 0; i < BUCKETS; i++) {
      out.waitHist[i]! += r.waitHist[i]!;
      out.svcHist[i]! += r.svcHist[i]!;
    }
  }
  return out;
}

/**
 * Nearest-rank percentile (minutes) of the samples a histogram holds, placed linearly inside
 * its bucket: the error is at most the bucket's width (1 minute up to 30 minutes, 2 to an
 * hour, 5 to two hours). The open last bucket answers its lower bound. null without samples.
 */
export function histPercentileMinutes(hist: readonly number[], p: number): number | null {
  const n = hist.reduce((a, b) => a + b, 0);
  if (!n) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  let before = 0;
  for (let i = 0; i < hist.length; i++) {
    const k = hist[i]!;
    if (before + k >= rank) {
      const lo = i === 0 ? 0 : BUCKET_UPPER_MINUTES[i - 1]!;
      const hi = BUCKET_UPPER_MINUTES[i]!;
      if (!Number.isFinite(hi)) return lo;
      return lo + ((hi - lo) * (rank - before - 0.5)) / k;
    }
    before += k;
  }
  return null;
}

const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);

/** A record's mean wait, mean service time (minutes, to 0.1) and share of calls within the SLA (to 0.001); null without samples. */
export function recordTimes(r: ReportRecord): { waitAvgMinutes: number | null; serviceAvgMinutes: number | null; slaShare: number | null } {
  const c = r.counts;
  return {
    waitAvgMinutes: c.called ? round1(c.waitSumSec / 60 / c.called) : null,
    serviceAvgMinutes: c.served ? round1(c.svcSumSec / 60 / c.served) : null,
    slaShare: c.called ? Math.round((c.withinSla / c.called) * 1000) / 1000 : null,
  };
}

/** The day's counts and times of a record as the live figures (`GET .../stats`) show them. */
export function liveFigures(r: ReportRecord): {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  avgWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  avgServiceMinutes: number | null;
  withinSlaShare: number | null;
} {
  const t = recordTimes(r);
  return {
    issued: r.counts.issued,
    served: r.counts.served,
    noShow: r.counts.noShow,
    cancelled: r.counts.cancelled,
    avgWaitMinutes: t.waitAvgMinutes,
    p90WaitMinutes: round1(histPercentileMinutes(r.waitHist, 90)),
    avgServiceMinutes: t.serviceAvgMinutes,
    withinSlaShare: t.slaShare,
  };
}
