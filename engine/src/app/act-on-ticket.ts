/**
 * Act on one ticket (recall, start, finish, no-show, cancel, requeue, transfer). The legal
 * states come from the one action table (protocol `TICKET_ACTIONS`); the script checks the
 * state and the caller's agency atomically, so a race cannot slip past a check made here.
 */
import type { Site } from '../domain/site.js';
import type { SimpleTicketAction, TransferPosition, TransitionResponse } from '../protocol/index.js';
import type { Written } from '../store/ticket-store.js';
import type { AuditLog } from './audit-log.js';
import { LoketError } from '../errors.js';
import { isManager, type Caller } from './caller.js';
import { scriptContext, type Deps } from './context.js';

export interface TicketWritten extends TransitionResponse {
  ticket: NonNullable<TransitionResponse['ticket']>;
  seq: number;
}

export class ActOnTicket {
  constructor(
    private readonly d: Deps,
    private readonly audit: AuditLog,
  ) {}

  async run(caller: Caller, action: SimpleTicketAction, ticketId: string): Promise<TicketWritten> {
    const site = this.d.sites.get(caller.siteId);
    const w = await this.d.tickets.act(scriptContext(this.d, site, caller), action, ticketId);
    // A supervisor cancelling or requeueing someone's ticket is audited; a clerk's own work is not.
    if (isManager(caller) && (action === 'cancel' || action === 'requeue')) {
      await this.audit.record(caller, `ticket.${action}`, [{ target: `ticket:${w.t.number}`, before: null, after: { id: w.t.id, state: w.t.state } }]);
    }
    return this.answer(site, w);
  }

  async transfer(caller: Caller, ticketId: string, serviceId: string, position: TransferPosition = 'keep'): Promise<TicketWritten> {
    const site = this.d.sites.get(caller.siteId);
    const target = this.d.sites.service(site, serviceId);
    // The front of a queue is its agency's to give: staff may put a ticket first only in their own agency's queues.
    if (position === 'front' && !isManager(caller) && !caller.agencyIds.includes(target.agencyId)) {
      throw new LoketError('FORBIDDEN', "Only the target service's agency may put a ticket at the front of its queue");
    }
    const before = isManager(caller) ? await this.d.tickets.findTicket(site, ticketId) : null;
    const w = await this.d.tickets.transfer(scriptContext(this.d, site, caller), ticketId, { serviceId, agencyId: target.agencyId }, position);
    if (before) {
      await this.audit.record(caller, 'ticket.transfer', [
        { target: `ticket:${w.t.number}`, before: { id: before.id, serviceId: before.serviceId, state: before.state }, after: { serviceId, state: w.t.state, position } },
      ]);
    }
    return this.answer(site, w);
  }

  private async answer(site: Site, w: Written): Promise<TicketWritten> {
    return { ticket: await this.d.eta.dto(site, w.t), seq: w.seq };
  }
}
