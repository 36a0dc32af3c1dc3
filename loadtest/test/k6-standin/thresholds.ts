/**
 * k6's metric kinds and thresholds, evaluated on the samples the stand-in recorded: the
 * aggregations k6 offers (avg, min, max, med, p(N), count, rate, value) and its comparison forms.
 */

export type MetricKind = 'counter' | 'gauge' | 'rate' | 'trend';

export interface Sample {
  value: number;
  tags: Record<string, string>;
}

export interface Metric {
  kind: MetricKind;
  /** A Trend of times (ms): its thresholds depend on the machine's speed. */
  isTime: boolean;
  samples: Sample[];
}

export interface ThresholdResult {
  /** As the script declared it, e.g. `http_req_duration{name:issue}`. */
  key: string;
  expr: string;
  metric: string;
  kind: MetricKind | 'missing';
  isTime: boolean;
  value: number;
  ok: boolean;
}

/** `10s`, `1m30s`, `500ms`, `2h` in milliseconds; a bare number is seconds. */
export function parseDuration(d: string | number | undefined, fallbackMs: number): number {
  if (d === undefined || d === null || d === '') return fallbackMs;
  if (typeof d === 'number') return d * 1000;
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let m: RegExpExecArray | null;
  let matched = '';
  while ((m = re.exec(d))) {
    matched += m[0];
    const n = Number(m[1]);
    ms += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
  }
  if (matched !== d) throw new Error(`not a k6 duration: ${d}`);
  return ms;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

function aggregate(kind: MetricKind, values: number[], agg: string, seconds: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = values.reduce((a, b) => a + b, 0);
  const p = /^p\((\d+(?:\.\d+)?)\)$/.exec(agg);
  if (p) return percentile(sorted, Number(p[1]));
  switch (agg) {
    case 'avg':
      return values.length ? sum / values.length : Number.NaN;
    case 'min':
      return sorted.length ? sorted[0]! : Number.NaN;
    case 'max':
      return sorted.length ? sorted[sorted.length - 1]! : Number.NaN;
    case 'med':
      return percentile(sorted, 50);
    case 'count':
      return kind === 'counter' ? sum : values.length;
    case 'rate':
      if (kind === 'counter') return seconds > 0 ? sum / seconds : 0;
      return values.length ? values.filter((v) => v !== 0).length / values.length : 0;
    case 'value':
      return values.length ? values[values.length - 1]! : Number.NaN;
    default:
      throw new Error(`unknown threshold aggregation ${agg}`);
  }
}

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
    case '===':
      return a === b;
    case '!=':
      return a !== b;
    default:
      throw new Error(`unknown threshold operator ${op}`);
  }
}

/** Evaluates `options.thresholds` on the recorded metrics; `seconds` is the run's length (for a counter's rate). */
export function evaluateThresholds(thresholds: Record<string, unknown[]>, metrics: Map<string, Metric>, seconds: number): ThresholdResult[] {
  const out: ThresholdResult[] = [];
  for (const [key, list] of Object.entries(thresholds)) {
    const km = /^([\w.]+)(?:\{(.*)\})?$/.exec(key);
    if (!km) throw new Error(`threshold key ${key}`);
    const name = km[1]!;
    const filter = (km[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split(':').map((s) => s.trim()) as [string, string]);
    const metric = metrics.get(name);
    const values = (metric?.samples ?? []).filter((s) => filter.every(([k, v]) => s.tags[k] === v)).map((s) => s.value);
    for (const item of list) {
      const expr = typeof item === 'string' ? item : String((item as { threshold: string }).threshold);
      const em = /^\s*(avg|min|max|med|count|rate|value|p\(\d+(?:\.\d+)?\))\s*(<=|>=|===|==|!=|<|>)\s*(-?[\d.]+(?:e[+-]?\d+)?)\s*$/i.exec(expr);
      if (!em) throw new Error(`threshold ${key}: cannot read ${expr}`);
      const kind = metric?.kind ?? 'missing';
      // A counter or rate without samples counts as zero, an empty trend fails nothing; k6 refuses
      // to start with a threshold on a metric the script never defines.
      const value = metric ? aggregate(metric.kind, values, em[1]!, seconds) : 0;
      out.push({ key, expr, metric: name, kind, isTime: metric?.isTime ?? false, value, ok: metric !== undefined && (Number.isNaN(value) || compare(value, em[2]!, Number(em[3]))) });
    }
  }
  return out;
}
