import type { ServiceStats } from '@loket/engine/protocol';
import { describe, expect, it } from 'vitest';
import { slaAlerts } from '../../src/sla.js';

const line = (serviceId: string, longest: number | null, sla: number): ServiceStats => ({
  serviceId,
  agencyId: 'a',
  waiting: 1,
  called: 0,
  serving: 0,
  served: 0,
  noShow: 0,
  cancelled: 0,
  issued: 1,
  avgWaitMinutes: null,
  p90WaitMinutes: null,
  longestWaitMinutes: longest,
  avgServiceMinutes: null,
  withinSlaShare: null,
  slaMinutes: sla,
  slaShare: 0.8,
  openCounters: 0,
});

describe('SLA alerts', () => {
  it('lists services whose longest wait is past their SLA minutes, worst first', () => {
    const alerts = slaAlerts(null, [line('ktp', 25, 20), line('kk', 20, 20), line('akta', null, 25), line('pkb', 40, 15)]);
    expect(alerts.map((a) => a.serviceId)).toEqual(['pkb', 'ktp']);
    expect(alerts[0]).toMatchObject({ longestWaitMinutes: 40, slaMinutes: 15 });
  });
});
