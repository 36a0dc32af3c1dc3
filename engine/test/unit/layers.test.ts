/** The direction of imports ARCHITECTURE.md promises, checked on the source. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of each source file, as paths under src/ without extension. */
const graph = new Map(
  files(SRC).map((f) => {
    const specs = [...readFileSync(f, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]!);
    return [relative(SRC, f).replace(/\.ts$/, ''), specs.map((s) => relative(SRC, resolve(dirname(f), s)).replace(/\.js$/, ''))];
  }),
);
const layer = (p: string) => (p.includes('/') ? p.split('/')[0]! : p);

describe('layers', () => {
  it('routes and socket handlers reach the store only through use cases', () => {
    const bad = [...graph].filter(([f]) => f.startsWith('http/') || f.startsWith('realtime/')).flatMap(([f, deps]) => deps.filter((d) => layer(d) === 'store').map((d) => `${f} -> ${d}`));
    expect(bad).toEqual([]);
  });

  it('the domain imports nothing but protocol types', () => {
    const bad = [...graph].filter(([f]) => layer(f) === 'domain').flatMap(([f, deps]) => deps.filter((d) => !['domain', 'protocol'].includes(layer(d))).map((d) => `${f} -> ${d}`));
    expect(bad).toEqual([]);
  });

  it('no lower layer imports a higher one (store and app never import http, realtime or jobs)', () => {
    const bad = [...graph]
      .filter(([f]) => ['store', 'app', 'domain', 'protocol'].includes(layer(f)))
      .flatMap(([f, deps]) => deps.filter((d) => ['http', 'realtime', 'jobs', 'server', 'main'].includes(layer(d))).map((d) => `${f} -> ${d}`));
    expect(bad).toEqual([]);
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') return void cycles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) if (graph.has(d)) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
