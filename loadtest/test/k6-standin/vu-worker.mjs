// One k6 VU (or the setup/teardown runner) in a worker thread: loads the script, as k6 runs its
// init code in every VU, then runs its part. workerData: role ('options' | 'setup' | 'teardown'
// | 'vu'), scriptUrl, scriptDir, env, vuId, port, signal and, for a VU, `plan` (its scenario).
import { workerData } from 'node:worker_threads';
import { block, call, ctx, installGlobals, send } from './runtime.mjs';

installGlobals();
const mod = await import(workerData.scriptUrl);
const { role } = workerData;

function report(err) {
  send({ op: 'error', vu: ctx.vuId, scenario: ctx.scenario?.name ?? role, text: err && err.stack ? err.stack : String(err) });
}

if (role === 'options') {
  const fns = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
  send({ op: 'done', data: { options: JSON.parse(JSON.stringify(mod.options ?? {})), functions: fns } });
} else if (role === 'setup' || role === 'teardown') {
  let data = null;
  try {
    if (typeof mod[role] === 'function') data = role === 'setup' ? mod.setup() : mod.teardown(workerData.data);
  } catch (err) {
    report(err);
  }
  send({ op: 'done', data: data === undefined ? null : JSON.parse(JSON.stringify(data)) });
} else {
  const plan = workerData.plan;
  const fn = mod[plan.exec];
  if (typeof fn !== 'function') throw new Error(`scenario ${plan.name}: the script exports no function ${plan.exec}`);
  // Every VU of the run has loaded the script: the host answers with the common start time.
  const { t0, data } = call({ op: 'ready', vu: ctx.vuId });
  const shared = new Int32Array(plan.counter);
  const start = t0 + plan.startTimeMs;
  const stop = start + plan.durationMs;
  block(start - Date.now());
  let local = 0;
  const scenario = {
    name: plan.name,
    executor: plan.executor,
    startTime: start,
    t0,
    iterationInTest: 0,
    iterationInScenario: 0,
    progress: () => Math.min(1, (Date.now() - start) / plan.durationMs),
  };
  for (;;) {
    let n;
    if (plan.executor === 'per-vu-iterations') {
      if (local >= plan.iterationsPerVu || Date.now() >= stop) break;
      n = Atomics.add(shared, 0, 1);
    } else if (plan.executor === 'shared-iterations') {
      n = Atomics.add(shared, 0, 1);
      if (n >= plan.iterationsTotal || Date.now() >= stop) break;
    } else if (plan.executor === 'constant-vus') {
      if (Date.now() >= stop) break;
      n = Atomics.add(shared, 0, 1);
    } else if (plan.executor === 'constant-arrival-rate') {
      n = Atomics.add(shared, 0, 1);
      const due = start + n * plan.periodMs;
      if (due >= stop) break;
      block(due - Date.now());
    } else {
      throw new Error(`k6 stand-in: executor ${plan.executor} is not supported (scenario ${plan.name})`);
    }
    scenario.iterationInTest = n;
    scenario.iterationInScenario = local;
    ctx.scenario = scenario;
    globalThis.__ITER = ctx.iter;
    try {
      fn(data);
    } catch (err) {
      report(err);
    }
    send({ op: 'sample', metric: 'iterations', kind: 'counter', value: 1, tags: { scenario: plan.name } });
    ctx.iter++;
    local++;
  }
  send({ op: 'done', data: { iterations: local } });
}
