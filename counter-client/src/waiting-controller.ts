/**
 * The waiting tickets of a desk's services, in call order (tier by tier, each
 * service as the engine ranks it). Re-read on demand, debounced, latest answer wins.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TicketDto } from '@loket/engine/protocol';
import type { DeskApi } from './desk-actions.js';

const DEBOUNCE_MS = 120;

export class WaitingController implements ReactiveController {
  tickets: TicketDto[] = [];
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _gen = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { api: DeskApi; services: string[] },
    private readonly onError: (err: unknown) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this._timer);
  }

  /** Takes a ticket off the list at once (it was called or left the queue). */
  drop(ticketId: string): void {
    if (!this.tickets.some((w) => w.id === ticketId)) return;
    this.tickets = this.tickets.filter((w) => w.id !== ticketId);
    this.host.requestUpdate();
  }

  schedule(): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this.refresh(), DEBOUNCE_MS);
  }

  refresh(): void {
    const { api, services } = this.source();
    const gen = ++this._gen;
    if (services.length === 0) {
      this.tickets = [];
      this.host.requestUpdate();
      return;
    }
    Promise.all(services.map((id) => api.waiting(id)))
      .then((lists) => {
        if (gen !== this._gen) return;
        this.tickets = lists.flatMap((l) => l.tickets.filter((tk) => tk.state === 'waiting'));
        this.host.requestUpdate();
      })
      .catch((err: unknown) => {
        if (gen === this._gen) this.onError(err);
      });
  }
}
