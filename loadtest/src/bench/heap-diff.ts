/**
 * Where the bytes per socket go: compares two V8 heap snapshots (from
 * `npm run bench -- --heap-snapshots <dir>`, or `v8.writeHeapSnapshot`) by
 * the self size of each kind of object (constructor name for objects, the
 * node type otherwise), and prints the growth per socket, largest first.
 *
 *   npx tsx loadtest/src/bench/heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [--per 2000] [--top 40]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { num, parseArgs } from '../lib/args.js';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size and count per kind (`object:Socket`, `string`, `closure:onclose`, ...). */
export function sizesByKind(h: HeapSnapshot): Map<string, { size: number; count: number }> {
  const f = h.snapshot.meta.node_fields;
  const width = f.length;
  const iType = f.indexOf('type');
  const iName = f.indexOf('name');
  const iSize = f.indexOf('self_size');
  const types = h.snapshot.meta.node_types[0];
  const out = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < h.nodes.length; i += width) {
    const type = types[h.nodes[i + iType] as number] ?? '?';
    const name = h.strings[h.nodes[i + iName] as number] ?? '';
    // Objects and closures by their constructor / function name; strings, code, arrays by type.
    const kind = type === 'object' || type === 'closure' || type === 'native' ? `${type}:${name.slice(0, 60)}` : type === 'hidden' || type === 'array' ? `${type}:${name.slice(0, 40)}` : type;
    const e = out.get(kind) ?? { size: 0, count: 0 };
    e.size += h.nodes[i + iSize] as number;
    e.count++;
    out.set(kind, e);
  }
  return out;
}

export function diff(a: Map<string, { size: number; count: number }>, b: Map<string, { size: number; count: number }>): { kind: string; bytes: number; count: number }[] {
  const kinds = new Set([...a.keys(), ...b.keys()]);
  return [...kinds]
    .map((k) => ({ kind: k, bytes: (b.get(k)?.size ?? 0) - (a.get(k)?.size ?? 0), count: (b.get(k)?.count ?? 0) - (a.get(k)?.count ?? 0) }))
    .sort((x, y) => y.bytes - x.bytes);
}

function main(): void {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const [before, after] = positional;
  if (!before || !after) throw new Error('usage: heap-diff <before.heapsnapshot> <after.heapsnapshot> [--per 2000] [--top 40]');
  const per = num(flags, 'per', 2000);
  const top = num(flags, 'top', 40);
  const load = (p: string): Map<string, { size: number; count: number }> => sizesByKind(JSON.parse(readFileSync(p, 'utf8')) as HeapSnapshot);
  const a = load(before);
  const b = load(after);
  const d = diff(a, b);
  const total = d.reduce((s, x) => s + x.bytes, 0);
  console.log(`heap growth ${(total / 1048576).toFixed(1)} MB = ${(total / per / 1024).toFixed(2)} kB per socket (${per}); by kind, per socket:`);
  for (const x of d.slice(0, top)) console.log(`  ${(x.bytes / per).toFixed(0).padStart(7)} B  ${(x.count / per).toFixed(2).padStart(6)} objects  ${x.kind}`);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) main();
