/**
 * How far V8 lets the old generation grow past what the last full GC kept, before the next
 * one: Node's default lets it reach up to 4x, so a burst of requests left the engine at
 * 215-240 MB of RSS (heap pages kept once grown, issue 14) though a full GC keeps ~30 MB.
 * 1.5x (`--heap-growing-percent=50`) keeps the peak near 140 MB for about the same CPU under
 * the HTTP bench (loadtest/README.md). V8 reads this flag at every full GC, so setting it
 * here, first thing at start, works for every way the engine is started (npm start, Docker,
 * the load driver). `LOKET_HEAP_GROWING_PERCENT=0` leaves V8's default; a
 * `--heap-growing-percent` on node's command line wins.
 */
import { setFlagsFromString } from 'node:v8';

const raw = process.env.LOKET_HEAP_GROWING_PERCENT ?? '50';
const percent = Number(raw);
if (!Number.isInteger(percent) || percent < 0 || percent > 400) {
  console.error(`LOKET_HEAP_GROWING_PERCENT: a whole number 0-400, got "${raw}"`);
  process.exit(2);
}
if (percent > 0 && !process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) setFlagsFromString(`--heap-growing-percent=${percent}`);
