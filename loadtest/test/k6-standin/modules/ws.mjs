// Stand-in for `k6/ws`: `connect(url, params, callback)` blocks until the socket closes, running
// the socket's handlers and timers in this VU; the host holds the real WebSocket.
import { block, call, send } from '../runtime.mjs';

export function connect(url, params, callback) {
  const cb = typeof params === 'function' ? params : callback;
  const p = typeof params === 'function' ? {} : params || {};
  const opened = call({ op: 'ws-open', url: String(url), headers: p.headers || {} });
  if (opened.error) return { status: opened.status || 0, url: String(url), error: opened.error, body: '', headers: {} };
  const id = opened.id;
  const handlers = {};
  const timers = [];
  let closed = false;
  const emit = (event, ...args) => {
    for (const h of handlers[event] || []) h(...args);
  };
  const socket = {
    on(event, handler) {
      (handlers[event] = handlers[event] || []).push(handler);
    },
    send(data) {
      if (!closed) send({ op: 'ws-send', id, data: String(data) });
    },
    ping() {},
    close() {
      if (closed) return;
      closed = true;
      send({ op: 'ws-close', id });
      emit('close');
    },
    setTimeout(fn, ms) {
      timers.push({ at: Date.now() + Number(ms), fn, every: 0 });
    },
    setInterval(fn, ms) {
      timers.push({ at: Date.now() + Number(ms), fn, every: Math.max(1, Number(ms)) });
    },
  };
  cb(socket);
  emit('open');
  while (!closed) {
    timers.sort((a, b) => a.at - b.at);
    const next = timers[0];
    const wait = next ? Math.max(0, next.at - Date.now()) : 1000;
    const ev = wait > 0 ? call({ op: 'ws-next', id, timeoutMs: wait }) : { event: 'timeout' };
    if (ev.event === 'message') emit('message', ev.data);
    else if (ev.event === 'error') emit('error', { error: () => ev.data });
    else if (ev.event === 'close') {
      closed = true;
      emit('close');
    } else if (next && next.at <= Date.now()) {
      if (next.every) next.at += next.every;
      else timers.shift();
      next.fn();
    }
  }
  block(0);
  return { status: opened.status, url: String(url), error: '', body: '', headers: opened.headers || {} };
}

export default { connect };
