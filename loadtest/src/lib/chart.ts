/**
 * Hand-written SVG: latency percentiles over time (top panel) and throughput
 * (bottom panel). No dependencies; readable in any browser or on GitHub.
 */
import type { SeriesPoint } from './stats.js';

const W = 800;
const PANEL_H = 220;
const M = { left: 64, right: 150, top: 36, bottom: 34 };
const COLORS = { p50: '#1b7837', p95: '#e08214', p99: '#b2182b', rate: '#2166ac', errors: '#762a83' } as const;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function niceMax(v: number): number {
  if (!Number.isFinite(v) || v <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= v) return m * exp;
  return 10 * exp;
}

interface Line {
  label: string;
  color: string;
  values: (number | null)[];
}

function panel(y0: number, title: string, unit: string, ts: number[], lines: Line[]): string {
  const plotW = W - M.left - M.right;
  const plotH = PANEL_H - M.top - M.bottom;
  const tMax = Math.max(1, ...ts);
  const yMax = niceMax(Math.max(0, ...lines.flatMap((l) => l.values.filter((v): v is number => v !== null && Number.isFinite(v)))));
  const x = (t: number): number => M.left + (t / tMax) * plotW;
  const y = (v: number): number => y0 + M.top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  parts.push(`<text x="${M.left}" y="${y0 + 22}" font-size="15" font-weight="bold">${esc(title)}</text>`);
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    parts.push(`<line x1="${M.left}" x2="${M.left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${M.left - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end">${+v.toPrecision(3)}</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const t = (tMax * i) / 5;
    parts.push(`<text x="${x(t)}" y="${y0 + M.top + plotH + 16}" font-size="11" text-anchor="middle">${Math.round(t)}s</text>`);
  }
  parts.push(`<text x="14" y="${y0 + M.top + plotH / 2}" font-size="11" transform="rotate(-90 14 ${y0 + M.top + plotH / 2})" text-anchor="middle">${esc(unit)}</text>`);
  parts.push(`<rect x="${M.left}" y="${y0 + M.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`);
  lines.forEach((l, li) => {
    const segs: string[] = [];
    let pen = 'M';
    l.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        pen = 'M';
        return;
      }
      segs.push(`${pen}${x(ts[i] ?? 0).toFixed(1)},${y(v).toFixed(1)}`);
      pen = 'L';
    });
    parts.push(`<path d="${segs.join(' ')}" fill="none" stroke="${l.color}" stroke-width="2"/>`);
    const ly = y0 + M.top + 14 + li * 18;
    parts.push(`<line x1="${W - M.right + 12}" x2="${W - M.right + 32}" y1="${ly - 4}" y2="${ly - 4}" stroke="${l.color}" stroke-width="3"/>`);
    parts.push(`<text x="${W - M.right + 38}" y="${ly}" font-size="12">${esc(l.label)}</text>`);
  });
  return parts.join('\n');
}

/** Renders the two-panel chart of a run. */
export function renderChart(title: string, series: SeriesPoint[], rateLabel = 'completed / s'): string {
  const ts = series.map((p) => p.t);
  const lat = (k: 'p50' | 'p95' | 'p99'): (number | null)[] => series.map((p) => (Number.isFinite(p[k]) ? p[k] : null));
  const hasErrors = series.some((p) => p.errors > 0);
  const rateLines: Line[] = [{ label: rateLabel, color: COLORS.rate, values: series.map((p) => p.rate) }];
  if (hasErrors) rateLines.push({ label: 'errors / s', color: COLORS.errors, values: series.map((p) => p.errors) });
  const h = 30 + PANEL_H * 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="sans-serif">`,
    `<rect width="${W}" height="${h}" fill="#fff"/>`,
    `<text x="${W / 2}" y="20" font-size="16" text-anchor="middle">${esc(title)}</text>`,
    panel(24, 'Latency percentiles over time', 'ms', ts, [
      { label: 'p50', color: COLORS.p50, values: lat('p50') },
      { label: 'p95', color: COLORS.p95, values: lat('p95') },
      { label: 'p99', color: COLORS.p99, values: lat('p99') },
    ]),
    panel(24 + PANEL_H, 'Throughput', 'per second', ts, rateLines),
    '</svg>',
    '',
  ].join('\n');
}
