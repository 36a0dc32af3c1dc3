import { withCycleRig } from '../src/tools/cycle-rig.js';
import { engineCycles } from '../src/bench/engine-cycle.js';
import { infoNumber } from '../src/lib/redis-stats.js';
const mode = process.argv[2] ?? 'bench';
await withCycleRig({ sites: mode === 'bench' ? 2 : 8, redisUrl: 'redis://127.0.0.1:6393' }, async ({ p, probe, sites }) => {
  const r = await engineCycles(p, sites.ids, 5, 50, 1);
  console.log(`cycles ${r.cycles} rate ${r.rate} window redis ms/cycle ${r.redisCpuMsPerCycle}`);
});
