/**
 * Call at a counter: the next ticket by the counter's tiers (the rule lives in the script),
 * a chosen ticket, or "finish and call next" in one atomic step.
 */
import type { FinishAndCallNextResponse, TransitionResponse } from '../protocol/index.js';
import { toTicketDto } from '../store/ticket-mapper.js';
import { assertOwnCounter, type Caller } from './caller.js';
import { scriptContext, type Deps } from './context.js';

export class CallNext {
  constructor(private readonly d: Deps) {}

  /** The best waiting ticket for the counter, or `{ticket: null}` when none waits. */
  async next(caller: Caller, counterId: string): Promise<TransitionResponse> {
    const site = this.counterSite(caller, counterId);
    const w = await this.d.tickets.callNext({ ...scriptContext(this.d, site), by: caller.username }, counterId);
    return w ? { ticket: toTicketDto(w.t, site.id), seq: w.seq } : { ticket: null };
  }

  /** Finishes the counter's serving ticket (if any) and calls the next, atomically. */
  async finishAndNext(caller: Caller, counterId: string): Promise<FinishAndCallNextResponse> {
    const site = this.counterSite(caller, counterId);
    const { finished, next } = await this.d.tickets.finishAndCallNext(scriptContext(this.d, site, caller), counterId);
    const seq = next?.seq ?? finished?.seq;
    return {
      finished: finished ? await this.d.eta.dto(site, finished.t) : null,
      ticket: next ? toTicketDto(next.t, site.id) : null,
      ...(seq !== undefined ? { seq } : {}),
    };
  }

  /** Calls a chosen waiting ticket (of the caller's agencies) at the counter. */
  async ticket(caller: Caller, counterId: string, ticketId: string): Promise<TransitionResponse> {
    const site = this.counterSite(caller, counterId);
    const w = await this.d.tickets.callTicket(scriptContext(this.d, site, caller), counterId, ticketId);
    return { ticket: toTicketDto(w.t, site.id), seq: w.seq };
  }

  private counterSite(caller: Caller, counterId: string) {
    const site = this.d.sites.get(caller.siteId);
    this.d.sites.counter(site, counterId);
    assertOwnCounter(caller, counterId);
    return site;
  }
}
