/**
 * Act on one ticket (recall, start, finish, no-show, cancel, requeue, transfer). The legal
 * states come from the one action table (protocol `TICKET_ACTIONS`); the script checks the
 * state and the caller's agency atomically, so a race cannot slip past a check made here.
 */
import type { Site } from '../domain/site.js';
import type { SimpleTicketAction, TransferPosition, TransitionResponse } from '../protocol/index.js';
import type { Written } from '../store/ticket-store.js';
import { LoketError } from '../errors.js';
import { isManager, type Caller } from './caller.js';
import { audit, scriptContext, type Deps } from './context.js';

export interface TicketWritten extends TransitionResponse {
  ticket: NonNullable<TransitionResponse['ticket']>;
  seq: number;
}

export class ActOnTicket {
  constructor(private readonly d: Deps) {}

  async run(caller: Caller, action: SimpleTicketAction, ticketId: string): Promise<TicketWritten> {
    const site = this.d.sites.get(caller.siteId);
    // A supervisor cancelling or requeueing someone's ticket is audited by the script itself; a clerk's own work is not.
    const audited = isManager(caller) && (action === 'cancel' || action === 'requeue');
    const w = await this.d.tickets.act(audit(scriptContext(this.d, site, caller), caller, `ticket.${action}`, audited), action, ticketId);
    return this.answer(site, w);
  }

  async transfer(caller: Caller, ticketId: string, serviceId: string, position: TransferPosition = 'keep'): Promise<TicketWritten> {
    const site = this.d.sites.get(caller.siteId);
    const target = this.d.sites.service(site, serviceId);
    // The front of a queue is its agency's to give: staff may put a ticket first only in their own agency's queues.
    if (position === 'front' && !isManager(caller) && !caller.agencyIds.includes(target.agencyId)) {
      throw new LoketError('FORBIDDEN', "Only the target service's agency may put a ticket at the front of its queue");
    }
    const ctx = audit(scriptContext(this.d, site, caller), caller, 'ticket.transfer', isManager(caller));
    const w = await this.d.tickets.transfer(ctx, ticketId, { serviceId, agencyId: target.agencyId }, position);
    return this.answer(site, w);
  }

  private async answer(site: Site, w: Written): Promise<TicketWritten> {
    return { ticket: await this.d.eta.dto(site, w.t), seq: w.seq };
  }
}
