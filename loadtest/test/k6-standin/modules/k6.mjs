// Stand-in for the `k6` module: check, sleep, group, fail.
import { block, ctx, send } from '../runtime.mjs';

export function sleep(seconds) {
  block(Number(seconds) * 1000);
}

export function check(value, sets, tags) {
  let all = true;
  for (const [name, fn] of Object.entries(sets)) {
    const ok = typeof fn === 'function' ? Boolean(fn(value)) : Boolean(fn);
    send({ op: 'sample', metric: 'checks', kind: 'rate', value: ok ? 1 : 0, tags: { ...(tags || {}), check: name, scenario: ctx.scenario?.name ?? '' } });
    if (!ok) all = false;
  }
  return all;
}

export function group(_name, fn) {
  return fn();
}

export function fail(message) {
  throw new Error(message);
}

export default { sleep, check, group, fail };
