import { withCycleRig } from '../src/tools/cycle-rig.js';
import { engineCycles } from '../src/bench/engine-cycle.js';
await withCycleRig({ sites: 15 }, async ({ p, sites }) => {
  const r = await engineCycles(p, sites.ids.slice(12, 14), 5, 50, 1);
  console.log(`${r.redisCpuMsPerCycle} node ${r.nodeCpuMsPerCycle} rate ${r.rate}`);
});
