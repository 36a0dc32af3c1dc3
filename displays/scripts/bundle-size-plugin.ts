/**
 * Vite plugin: after the build, prints each entry's gzipped size together
 * with every chunk it statically imports, and fails the build when an entry
 * exceeds its budget (the lobby display must stay under 60 kB gzipped).
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  code: string;
  imports: string[];
}

export function bundleSize(budgetsKb: Record<string, number>): Plugin {
  return {
    name: 'loket-bundle-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkLike>();
      for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.set(item.fileName, item as ChunkLike);
      const closure = (file: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(file)) return seen;
        seen.add(file);
        for (const dep of chunks.get(file)?.imports ?? []) closure(dep, seen);
        return seen;
      };
      const rows: string[] = [];
      const over: string[] = [];
      for (const chunk of chunks.values()) {
        if (!chunk.isEntry) continue;
        const files = [...closure(chunk.fileName)];
        const raw = files.reduce((n, f) => n + Buffer.byteLength(chunks.get(f)?.code ?? ''), 0);
        const gz = gzipSync(files.map((f) => chunks.get(f)?.code ?? '').join('\n'), { level: 9 }).length;
        const budget = budgetsKb[chunk.name];
        rows.push(
          `  ${chunk.fileName.padEnd(34)} ${(raw / 1024).toFixed(1).padStart(7)} kB  gzip ${(gz / 1024).toFixed(1).padStart(6)} kB` +
            (budget ? `  (budget ${budget} kB)` : ''),
        );
        if (budget && gz / 1024 > budget) over.push(`${chunk.fileName}: ${(gz / 1024).toFixed(1)} kB gzip > ${budget} kB`);
      }
      console.log(`\nbundle sizes (entry + its static imports):\n${rows.sort().join('\n')}\n`);
      if (over.length) this.error(`bundle over budget: ${over.join('; ')}`);
    },
  };
}
