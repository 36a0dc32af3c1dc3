/**
 * Repeated runs: every figure as its median and spread (min-max) over the runs.
 * Targets are judged on the median; ratios are taken within one run first.
 */

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Every run's value, in run order. */
  values: number[];
}

/** Median (mean of the middle two for an even count) of the finite values; NaN if none. */
export function median(values: number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export function spread(values: number[]): Spread {
  const f = values.filter(Number.isFinite);
  return {
    median: r3(median(f)),
    min: f.length ? Math.min(...f) : Number.NaN,
    max: f.length ? Math.max(...f) : Number.NaN,
    values,
  };
}

/** `3,319 (2,999-3,611)`: the median and, when the runs differ, their range. */
export function fmtSpread(s: Spread, digits = 2): string {
  const f = (x: number): string => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits }) : '-');
  return s.values.length > 1 ? `${f(s.median)} (${f(s.min)}-${f(s.max)})` : f(s.median);
}

/** Whether `value` meets a target written as `>= 3000/s`, `<= 1.5x`, `<= 200 MB`; `report` always does. */
export function meetsTarget(target: string, value: number): boolean {
  const m = /^(>=|<=)\s*([\d.]+)/.exec(target);
  if (!m) return true;
  const goal = Number(m[2]);
  return m[1] === '>=' ? value >= goal : value <= goal;
}
