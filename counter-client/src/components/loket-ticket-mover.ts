import { LitElement, css, html } from 'lit';
import type { SiteInfo, TicketDto } from '@loket/engine/protocol';
import type { QueuePosition } from '../desk-actions.js';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { fireUnlessDisabled } from './fire-event.js';
import { serviceNames, serviceOptions } from './service-options.js';
import { pickerRowStyles, positionField, positionOf } from './transfer-fields.js';

export interface MoveDetail {
  ticketId: string;
  serviceId: string;
  position: QueuePosition;
}

/**
 * Moves a waiting ticket to another service (rebalancing at peak hours).
 * @fires loket-move-ticket - `CustomEvent<MoveDetail>` when the move button is pressed
 * @csspart form - the form
 */
export class LoketTicketMover extends LitElement {
  static override styles = [
    theme,
    pickerRowStyles,
    css`
      select {
        max-width: 26rem;
      }
    `,
  ];

  static override properties = {
    site: { attribute: false },
    tickets: { attribute: false },
    disabled: { type: Boolean },
  };
  /** Services to move to. */
  declare site: SiteInfo | null;
  /** All waiting tickets of the site. */
  declare tickets: TicketDto[];
  /** A change is in flight. */
  declare disabled: boolean;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.site = null;
    this.tickets = [];
    this.disabled = false;
  }

  override render() {
    const names = serviceNames(this.site);
    return html`<section aria-labelledby="mv-h">
      <h2 id="mv-h">${t('moveTicket')}</h2>
      <form part="form" @submit=${this._onSubmit}>
        <label>${t('chooseTicket')}
          <select name="ticket" required>
            ${this.tickets.map((tk) => html`<option value=${tk.id}>${tk.number} · ${names[tk.serviceId] ?? tk.serviceId}</option>`)}
          </select>
        </label>
        <label>${t('transferTo')}<select name="service">${serviceOptions(this.site, '')}</select></label>
        ${positionField()}
        <button type="submit" ?disabled=${this.disabled || this.tickets.length === 0}>${t('move')}</button>
      </form>
    </section>`;
  }

  private _onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    if (this.disabled) return;
    const data = new FormData(e.target as HTMLFormElement);
    const ticketId = String(data.get('ticket') ?? '');
    const serviceId = String(data.get('service') ?? '');
    const position = positionOf(data.get('position'));
    if (!ticketId || !serviceId) return;
    fireUnlessDisabled<MoveDetail>(this, 'loket-move-ticket', { ticketId, serviceId, position });
  }
}
customElements.define('loket-ticket-mover', LoketTicketMover);

declare global {
  interface HTMLElementTagNameMap {
    'loket-ticket-mover': LoketTicketMover;
  }
}
