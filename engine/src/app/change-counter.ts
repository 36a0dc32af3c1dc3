/**
 * Open, pause or close a counter, or change the services it calls (its tiers). Staff may
 * only open, pause or close their own counter; supervisors and admins change any.
 */
import { LoketError } from '../errors.js';
import type { CounterDto, CounterStatus } from '../protocol/index.js';
import { toCounterDto } from '../store/ticket-mapper.js';
import { assertOwnCounter, isManager, type Caller } from './caller.js';
import { audit, scriptContext, type Deps } from './context.js';

export interface CounterChange {
  status?: CounterStatus | undefined;
  services?: string[][] | undefined;
}

export class ChangeCounter {
  constructor(private readonly d: Deps) {}

  async run(caller: Caller, counterId: string, change: CounterChange): Promise<{ counter: CounterDto; seq: number }> {
    const site = this.d.sites.get(caller.siteId);
    const counter = this.d.sites.counter(site, counterId);
    if (!isManager(caller)) {
      assertOwnCounter(caller, counterId);
      if (change.services) throw new LoketError('FORBIDDEN', 'Only a supervisor changes the services of a counter');
    }
    // A counter calls only its own agency's services, those its site-file entry lists, or
    // services shared with its agency: a clerk cannot act on another agency's tickets.
    const configured = new Set(counter.services.flat());
    for (const s of change.services?.flat() ?? []) {
      const service = this.d.sites.service(site, s);
      if (service.agencyId !== counter.agencyId && !configured.has(s) && !service.sharedWith?.includes(counter.agencyId)) {
        throw new LoketError('SERVICE_OF_OTHER_AGENCY', `Service ${s} belongs to another agency than counter ${counterId}`, { serviceId: s, agencyId: service.agencyId });
      }
    }
    // A manager moving a counter between services is an audited action, written by the script with the change.
    const w = await this.d.tickets.updateCounter(audit(scriptContext(this.d, site), caller, 'counter.profile', !!change.services), counterId, change);
    this.d.eta.invalidate(site.id);
    return { counter: toCounterDto(w.counter, w.current, site.id), seq: w.seq };
  }
}
