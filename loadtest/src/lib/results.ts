/** Writes a run's results JSON and its SVG chart to loadtest/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const loadtestDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const repoRoot = resolve(loadtestDir, '..');
export const defaultResultsDir = resolve(loadtestDir, 'results');

/** `2026-11-27T21-05-03Z`: sortable, safe in file names. */
export function stamp(d = new Date()): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

export interface WrittenResult {
  json: string;
  svg?: string;
}

export function writeResult(name: string, data: object, svg?: string, dir = defaultResultsDir): WrittenResult {
  mkdirSync(dir, { recursive: true });
  const base = resolve(dir, `${name}-${stamp()}`);
  const json = `${base}.json`;
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', node: process.version, loadavgAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) };
  writeFileSync(json, `${JSON.stringify({ ...data, machine }, null, 2)}\n`);
  if (svg === undefined) return { json };
  writeFileSync(`${base}.svg`, svg);
  return { json, svg: `${base}.svg` };
}
