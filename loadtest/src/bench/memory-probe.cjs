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
 */
'use strict';
const v8 = require('node:v8');

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
