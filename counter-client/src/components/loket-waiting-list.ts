import { LitElement, css, html } from 'lit';
import type { TicketDto } from '@loket/engine/protocol';
import { ClockController } from '@loket/web-common/clock-controller';
import { serverNow } from '@loket/web-common/server-clock';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { elapsed } from '../time-format.js';
import { fireUnlessDisabled } from './fire-event.js';
import { priorityLabel } from './priority-label.js';

/**
 * The waiting tickets of a counter's services, in call order, with a button
 * to call a chosen one.
 * @fires loket-call-ticket - `CustomEvent<{ ticketId: string }>` when a call button is pressed
 * @csspart list - the table
 */
export class LoketWaitingList extends LitElement {
  static override styles = [
    theme,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: left;
        padding: 0.3rem 0.5rem;
        border-bottom: 1px solid var(--line);
      }
      .num {
        font-weight: 800;
        font-size: 1.3rem;
        white-space: nowrap;
      }
      .prio {
        color: var(--danger);
        font-weight: 700;
      }
      .prio::before {
        content: '★ ';
      }
      button {
        min-height: 2.5rem;
        padding: 0.2rem 0.75rem;
        white-space: nowrap;
      }
    `,
  ];

  static override properties = {
    tickets: { attribute: false },
    serviceNames: { attribute: false },
    disabled: { type: Boolean },
  };
  /** Waiting tickets, in the order they will be called. */
  declare tickets: TicketDto[];
  /** Service id to display name. */
  declare serviceNames: Record<string, string>;
  /** Disables the call buttons (a request is in flight or the counter is busy). */
  declare disabled: boolean;
  private readonly _lang = new LangController(this);
  private readonly _clock = new ClockController(this, serverNow);

  constructor() {
    super();
    this.tickets = [];
    this.serviceNames = {};
    this.disabled = false;
  }

  override render() {
    return html`<section aria-labelledby="wl-h">
      <h2 id="wl-h">${t('waitingList')} <span class="count">(${t('waitingCount', { n: this.tickets.length })})</span></h2>
      ${this.tickets.length === 0
        ? html`<p>${t('noneWaiting')}</p>`
        : html`<table part="list">
            <thead>
              <tr>
                <th scope="col">${t('ticket')}</th>
                <th scope="col">${t('service')}</th>
                <th scope="col">${t('priorityClass')}</th>
                <th scope="col">${t('waitedFor')}</th>
                <th scope="col"><span class="visually-hidden">${t('callNext')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${this.tickets.map(
                (tk) => html`<tr data-ticket-id=${tk.id} data-service=${tk.serviceId}>
                  <td class="num">${tk.number}</td>
                  <td>${this.serviceNames[tk.serviceId] ?? tk.serviceId}</td>
                  <td class=${tk.priority === 'regular' ? '' : 'prio'}>${priorityLabel(tk)}</td>
                  <td>${elapsed(tk.createdAt, this._clock.now)}</td>
                  <td>
                    <button ?disabled=${this.disabled} data-call=${tk.id} @click=${() => this._onCall(tk.id)}>
                      ${t('callThis', { number: tk.number })}
                    </button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;
  }

  private _onCall(ticketId: string): void {
    fireUnlessDisabled(this, 'loket-call-ticket', { ticketId });
  }
}
customElements.define('loket-waiting-list', LoketWaitingList);

declare global {
  interface HTMLElementTagNameMap {
    'loket-waiting-list': LoketWaitingList;
  }
}
