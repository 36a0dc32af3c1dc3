// Worker side of the k6 stand-in: the bridge from a VU thread to the host (runner.ts).
// k6's APIs are synchronous; so is this bridge: a request goes to the host on a MessagePort and
// the VU thread blocks (Atomics.wait) until the host has the answer, as a k6 VU blocks on I/O.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';

const port = workerData.port;
const signal = new Int32Array(workerData.signal);

/** Sends `msg` to the host and blocks until it answers. */
export function call(msg) {
  Atomics.store(signal, 0, 0);
  port.postMessage(msg);
  Atomics.wait(signal, 0, 0);
  const r = receiveMessageOnPort(port);
  if (!r) throw new Error(`k6 stand-in: no answer from the host to ${msg.op}`);
  if (r.message && r.message.fatal) throw new Error(r.message.fatal);
  return r.message;
}

/** Sends `msg` to the host without waiting for an answer. */
export function send(msg) {
  port.postMessage(msg);
}

const pause = new Int32Array(new SharedArrayBuffer(4));
/** Blocks this VU for `ms` milliseconds. */
export function block(ms) {
  if (ms > 0) Atomics.wait(pause, 0, 0, ms);
}

/** What k6/execution reports; the VU loop (vu-worker.mjs) keeps it current. */
export const ctx = {
  vuId: workerData.vuId,
  iter: 0,
  scenario: null,
};

/** The globals k6 gives a script: __ENV, __VU, __ITER, open(). */
export function installGlobals() {
  globalThis.__ENV = { ...workerData.env };
  globalThis.__VU = workerData.vuId;
  globalThis.__ITER = 0;
  globalThis.open = (path, mode) => {
    const buf = readFileSync(resolve(workerData.scriptDir, path));
    return mode === 'b' ? buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) : buf.toString('utf8');
  };
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    globalThis.console[level] = (...args) => send({ op: 'log', level, vu: workerData.vuId, text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
  }
}
