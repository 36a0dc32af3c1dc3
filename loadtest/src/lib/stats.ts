/** Percentiles and a per-second time series of latencies and completions. */

/** Nearest-rank percentile of an ascending-sorted array (p in 0..100). */
export function percentileSorted(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  const r = (x: number): number => Math.round(x * 100) / 100;
  return {
    count: s.length,
    min: r(s[0] ?? Number.NaN),
    p50: r(percentileSorted(s, 50)),
    p90: r(percentileSorted(s, 90)),
    p95: r(percentileSorted(s, 95)),
    p99: r(percentileSorted(s, 99)),
    max: r(s[s.length - 1] ?? Number.NaN),
    mean: r(s.length ? sum / s.length : Number.NaN),
  };
}

/** One bucket of the time series: what completed in that second. */
export interface SeriesPoint {
  /** Seconds since the start of the run. */
  t: number;
  /** Completions per second in this bucket. */
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** Records latencies by completion time, bucketed per `bucketMs`. */
export class Recorder {
  private readonly buckets = new Map<number, number[]>();
  private readonly errorBuckets = new Map<number, number>();
  readonly all: number[] = [];
  errors = 0;

  constructor(
    private readonly start: number,
    private readonly bucketMs = 1000,
  ) {}

  private bucket(at: number): number {
    return Math.max(0, Math.floor((at - this.start) / this.bucketMs));
  }

  add(latencyMs: number, at: number): void {
    this.all.push(latencyMs);
    const b = this.bucket(at);
    const arr = this.buckets.get(b);
    if (arr) arr.push(latencyMs);
    else this.buckets.set(b, [latencyMs]);
  }

  error(at: number): void {
    this.errors++;
    const b = this.bucket(at);
    this.errorBuckets.set(b, (this.errorBuckets.get(b) ?? 0) + 1);
  }

  series(): SeriesPoint[] {
    const last = Math.max(-1, ...this.buckets.keys(), ...this.errorBuckets.keys());
    const out: SeriesPoint[] = [];
    for (let b = 0; b <= last; b++) {
      const s = summarize(this.buckets.get(b) ?? []);
      out.push({
        t: (b * this.bucketMs) / 1000,
        rate: (s.count * 1000) / this.bucketMs,
        p50: s.p50,
        p95: s.p95,
        p99: s.p99,
        errors: this.errorBuckets.get(b) ?? 0,
      });
    }
    return out;
  }
}
