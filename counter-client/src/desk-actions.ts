/** The HTTP calls of a counter desk. Each returns the engine's answer; errors throw `ApiError`. */
import type { CounterDto, CounterStatus, FinishAndCallNextResponse, SimpleTicketAction, TicketDto, TransitionResponse } from '@loket/engine/protocol';
import { api, sitePath } from './api.js';

/** An action on a ticket that takes no body (`transfer` has its own call). */
export type TicketAction = SimpleTicketAction;
export type QueuePosition = 'front' | 'back';
/** A transition that always answers with a ticket, and the seq of the event it wrote. */
export type Answer = TransitionResponse & { ticket: TicketDto };

export class DeskApi {
  constructor(
    private readonly siteId: string,
    private readonly token: string,
  ) {}

  private _post<T>(rest: string, body: unknown = {}): Promise<T> {
    return api<T>(sitePath(this.siteId, rest), { method: 'POST', token: this.token, body });
  }

  callNext(counterId: string): Promise<TransitionResponse> {
    return this._post(`/counters/${encodeURIComponent(counterId)}/call-next`);
  }

  /** Finishes the serving ticket and calls the next one, in one atomic step. */
  finishAndCallNext(counterId: string): Promise<FinishAndCallNextResponse> {
    return this._post(`/counters/${encodeURIComponent(counterId)}/call-next`, { finishCurrent: true });
  }

  callTicket(counterId: string, ticketId: string): Promise<Answer> {
    return this._post(`/counters/${encodeURIComponent(counterId)}/call-ticket`, { ticketId });
  }

  act(ticketId: string, action: TicketAction): Promise<Answer> {
    return this._post(`/tickets/${encodeURIComponent(ticketId)}/${action}`);
  }

  transfer(ticketId: string, serviceId: string, position: QueuePosition): Promise<Answer> {
    return this._post(`/tickets/${encodeURIComponent(ticketId)}/transfer`, { serviceId, position });
  }

  patchCounter(counterId: string, patch: { status?: CounterStatus; services?: string[][] }): Promise<{ counter: CounterDto; seq?: number }> {
    return api(sitePath(this.siteId, `/counters/${encodeURIComponent(counterId)}`), { method: 'PATCH', token: this.token, body: patch });
  }

  counters(): Promise<{ counters: CounterDto[] }> {
    return api(sitePath(this.siteId, '/counters'), { token: this.token });
  }

  waiting(serviceId?: string): Promise<{ tickets: TicketDto[] }> {
    const q = new URLSearchParams({ state: 'waiting' });
    if (serviceId) q.set('serviceId', serviceId);
    return api(sitePath(this.siteId, `/tickets?${q.toString()}`), { token: this.token });
  }
}
