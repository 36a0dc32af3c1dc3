/**
 * Open, pause or close a counter, or change the services it calls (its tiers). Staff may
 * only open, pause or close their own counter; supervisors and admins change any.
 */
import { LoketError } from '../errors.js';
import type { CounterDto, CounterStatus } from '../protocol/index.js';
import { toCounterDto } from '../store/ticket-mapper.js';
import type { AuditLog } from './audit-log.js';
import { assertOwnCounter, isManager, type Caller } from './caller.js';
import { scriptContext, type Deps } from './context.js';

export interface CounterChange {
  status?: CounterStatus | undefined;
  services?: string[][] | undefined;
}

export class ChangeCounter {
  constructor(
    private readonly d: Deps,
    private readonly audit: AuditLog,
  ) {}

  async run(caller: Caller, counterId: string, change: CounterChange): Promise<{ counter: CounterDto; seq: number }> {
    const site = this.d.sites.get(caller.siteId);
    this.d.sites.counter(site, counterId);
    if (!isManager(caller)) {
      assertOwnCounter(caller, counterId);
      if (change.services) throw new LoketError('FORBIDDEN', 'Only a supervisor changes the services of a counter');
    }
    for (const s of change.services?.flat() ?? []) this.d.sites.service(site, s);
    const before = change.services ? await this.d.tickets.counterServices(site, counterId) : null;
    const w = await this.d.tickets.updateCounter(scriptContext(this.d, site), counterId, change);
    this.d.eta.invalidate(site.id);
    // A manager moving a counter between services is an audited action.
    if (change.services) await this.audit.record(caller, 'counter.profile', [{ target: `counter:${counterId}`, before, after: change.services }]);
    return { counter: toCounterDto(w.counter, w.current, site.id), seq: w.seq };
  }
}
