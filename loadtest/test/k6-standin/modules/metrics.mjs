// Stand-in for `k6/metrics`: every sample goes to the host, which evaluates the thresholds.
import { ctx, send } from '../runtime.mjs';

class Metric {
  constructor(kind, name, isTime) {
    this.name = name;
    this.kind = kind;
    this.isTime = Boolean(isTime);
    send({ op: 'define', metric: name, kind, isTime: this.isTime });
  }
  add(value, tags) {
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
    send({ op: 'sample', metric: this.name, kind: this.kind, isTime: this.isTime, value: v, tags: { ...(tags || {}), scenario: ctx.scenario?.name ?? '' } });
  }
}

export class Counter extends Metric {
  constructor(name) {
    super('counter', name, false);
  }
}
export class Gauge extends Metric {
  constructor(name, isTime) {
    super('gauge', name, isTime);
  }
}
export class Rate extends Metric {
  constructor(name) {
    super('rate', name, false);
  }
}
export class Trend extends Metric {
  constructor(name, isTime) {
    super('trend', name, isTime);
  }
}

export default { Counter, Gauge, Rate, Trend };
