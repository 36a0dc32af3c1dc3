/**
 * The use cases as the tests drive them: one site, acting as an admin (a kiosk for issuing,
 * so the channel defaults as at a kiosk). Answers are the tickets themselves, so property
 * tests read like the domain: `ops.callNext(site, counter)` -> the called ticket or null.
 */
import { systemCaller, type Caller } from '../../src/app/caller.js';
import type { IssueInput } from '../../src/app/issue-ticket.js';
import type { CounterChange } from '../../src/app/change-counter.js';
import type { UseCases } from '../../src/app/use-cases.js';
import type { SimpleTicketAction, TicketDto, TransferPosition } from '../../src/protocol/index.js';

const kiosk = (siteId: string): Caller => ({ username: 'device:test-kiosk', role: 'kiosk', siteId, agencyIds: [], counterIds: [] });

export type Ops = ReturnType<typeof opsFor>;

export function opsFor(app: UseCases) {
  const act = (action: SimpleTicketAction) => async (siteId: string, id: string): Promise<TicketDto> =>
    (await app.actOnTicket.run(systemCaller(siteId), action, id)).ticket;
  return {
    // Appointments are given by the agency (a manager here), at the kiosk channel as the rest.
    issue: (siteId: string, input: IssueInput, key?: string) =>
      input.priority === 'appointment'
        ? app.issueTicket.run(systemCaller(siteId), { channel: 'kiosk', ...input }, key)
        : app.issueTicket.run(kiosk(siteId), input, key),
    callNext: async (siteId: string, counterId: string): Promise<TicketDto | null> => (await app.callNext.next(systemCaller(siteId), counterId)).ticket,
    callTicket: async (siteId: string, counterId: string, ticketId: string): Promise<TicketDto> =>
      (await app.callNext.ticket(systemCaller(siteId), counterId, ticketId)).ticket!,
    finishAndCallNext: (siteId: string, counterId: string) => app.callNext.finishAndNext(systemCaller(siteId), counterId),
    recall: act('recall'),
    start: act('start'),
    finish: act('finish'),
    noShow: act('no-show'),
    cancel: act('cancel'),
    requeue: act('requeue'),
    transfer: async (siteId: string, id: string, serviceId: string, position: TransferPosition = 'keep'): Promise<TicketDto> =>
      (await app.actOnTicket.transfer(systemCaller(siteId), id, serviceId, position)).ticket,
    updateCounter: async (siteId: string, counterId: string, change: CounterChange) => (await app.changeCounter.run(systemCaller(siteId), counterId, change)).counter,
    listTickets: (siteId: string, filter: Parameters<UseCases['listTickets']['tickets']>[1]) => app.listTickets.tickets(systemCaller(siteId), filter),
  };
}
