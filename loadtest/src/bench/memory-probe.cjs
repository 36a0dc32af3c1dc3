/**
 * Preloaded into the engine child by the memory bench only
 * (`node --expose-gc --require memory-probe.cjs engine/dist/main.js`, with an IPC
 * channel): the engine's code is not touched and a production start has none of it.
 *
 * Messages from the parent (answered with the same `id`):
 *   { id, cmd: 'gc' }                 full GC (twice: weak callbacks run between), then
 *                                     process.memoryUsage() in bytes
 *   { id, cmd: 'snapshot', file }     full GC, then v8.writeHeapSnapshot(file); answers { file }
 *   { id, cmd: 'usage' }              process.memoryUsage() as it is now (no GC: a peak sampler)
 *   { id, cmd: 'alloc-start', interval }  starts V8's sampling heap profiler, counting every
 *                                     sampled allocation, collected or not (what the load allocates);
 *                                     with `collected: false`, only what is still in the heap when
 *                                     it stops (what survived young GCs and waits in old space)
 *   { id, cmd: 'alloc-stop', file }   stops it and writes the profile (.heapprofile JSON) to file
 *   { id, cmd: 'gc-stats' }           the GCs since the last ask (count and ms by kind: minor,
 *                                     major, incremental, weak callbacks), from perf_hooks
 */
'use strict';
const v8 = require('node:v8');
const fs = require('node:fs');
const inspector = require('node:inspector');

let session = null;
const { PerformanceObserver, constants } = require('node:perf_hooks');
const GC_KINDS = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
let gcStats = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const k = GC_KINDS[e.detail ? e.detail.kind : e.kind] || 'other';
    const g = (gcStats[k] = gcStats[k] || { count: 0, ms: 0 });
    g.count++;
    g.ms += e.duration;
  }
}).observe({ entryTypes: ['gc'] });
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));

if (process.send) {
  const fullGc = () => {
    if (typeof global.gc !== 'function') throw new Error('memory-probe: start node with --expose-gc');
    global.gc();
    global.gc();
  };
  process.on('message', (m) => {
    if (!m || typeof m !== 'object' || typeof m.cmd !== 'string') return;
    try {
      if (m.cmd === 'usage') {
        process.send({ id: m.id, ok: true, memory: process.memoryUsage() });
      } else if (m.cmd === 'gc') {
        fullGc();
        process.send({ id: m.id, ok: true, memory: process.memoryUsage() });
      } else if (m.cmd === 'gc-stats') {
        process.send({ id: m.id, ok: true, gc: gcStats });
        gcStats = {};
      } else if (m.cmd === 'alloc-start') {
        session = new inspector.Session();
        session.connect();
        post('HeapProfiler.enable', {})
          .then(() => post('HeapProfiler.startSampling', { samplingInterval: m.interval || 16384, includeObjectsCollectedByMajorGC: m.collected !== false, includeObjectsCollectedByMinorGC: m.collected !== false }))
          .then(() => process.send({ id: m.id, ok: true }), (err) => process.send({ id: m.id, ok: false, error: String(err && err.message) }));
      } else if (m.cmd === 'alloc-stop') {
        post('HeapProfiler.stopSampling', {})
          .then((r) => {
            fs.writeFileSync(m.file, JSON.stringify(r.profile));
            session.disconnect();
            session = null;
            process.send({ id: m.id, ok: true, file: m.file });
          })
          .catch((err) => process.send({ id: m.id, ok: false, error: String(err && err.message) }));
      } else if (m.cmd === 'snapshot') {
        fullGc();
        process.send({ id: m.id, ok: true, file: v8.writeHeapSnapshot(m.file) });
      }
    } catch (err) {
      process.send({ id: m.id, ok: false, error: String(err && err.message) });
    }
  });
  // The channel must not keep a stopping engine alive.
  process.channel && process.channel.unref();
}
