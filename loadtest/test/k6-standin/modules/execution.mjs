// Stand-in for `k6/execution`: scenario, vu, instance, test.
import { ctx, send } from '../runtime.mjs';

function scenario() {
  if (!ctx.scenario) throw new Error('getting scenario information outside of a scenario (init context or setup) is not supported');
  return ctx.scenario;
}

const exec = {
  get scenario() {
    const s = scenario();
    return {
      name: s.name,
      executor: s.executor,
      startTime: s.startTime,
      progress: s.progress(),
      iterationInInstance: s.iterationInTest,
      iterationInTest: s.iterationInTest,
    };
  },
  get vu() {
    return {
      idInInstance: ctx.vuId,
      idInTest: ctx.vuId,
      iterationInInstance: ctx.iter,
      iterationInScenario: ctx.scenario ? ctx.scenario.iterationInScenario : 0,
      tags: {},
      metrics: { tags: {}, metadata: {} },
    };
  },
  get instance() {
    return { currentTestRunDuration: Date.now() - (ctx.scenario?.t0 ?? Date.now()), vusActive: 0, vusInitialized: 0, iterationsCompleted: 0, iterationsInterrupted: 0 };
  },
  test: {
    abort(message) {
      send({ op: 'abort', vu: ctx.vuId, text: String(message ?? '') });
      throw new Error(`test aborted: ${message ?? ''}`);
    },
    options: {},
  },
};

export default exec;
