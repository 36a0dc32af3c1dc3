/** Writes a run's results JSON and its SVG chart to loadtest/results/. */
import { execFileSync } from 'node:child_process';
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

/** The commit the run measured, and whether engine/ had uncommitted changes. */
export function revision(): { commit: string; engineDirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'engine'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
    return { commit, engineDirty: dirty };
  } catch {
    return { commit: 'unknown', engineDirty: false };
  }
}

export function writeResult(name: string, data: object, svg?: string, dir = defaultResultsDir): WrittenResult {
  mkdirSync(dir, { recursive: true });
  const base = resolve(dir, `${name}-${stamp()}`);
  const json = `${base}.json`;
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', node: process.version, loadavgAtEnd: loadavg().map((x) => Math.round(x * 100) / 100), ...revision() };
  writeFileSync(json, `${JSON.stringify({ ...data, machine }, null, 2)}\n`);
  if (svg === undefined) return { json };
  writeFileSync(`${base}.svg`, svg);
  return { json, svg: `${base}.svg` };
}
