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
 * Moves a waiting ticket to another service (rebalancing at peak hours): the
 * tickets can be filtered by service, the target has no preselected default,
 * and the move is confirmed before it is sent.
 * @fires loket-move-ticket - `CustomEvent<MoveDetail>` when the move is confirmed
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
      .confirm {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        margin-top: 0.5rem;
        font-weight: 700;
      }
    `,
  ];

  static override properties = {
    site: { attribute: false },
    tickets: { attribute: false },
    disabled: { type: Boolean },
    _filter: { state: true },
    _pending: { state: true },
  };
  /** Services to move to. */
  declare site: SiteInfo | null;
  /** All waiting tickets of the site. */
  declare tickets: TicketDto[];
  /** A change is in flight. */
  declare disabled: boolean;
  /** Show only the tickets of this service ('' for all). */
  declare private _filter: string;
  /** The move waiting for its confirmation. */
  declare private _pending: MoveDetail | null;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.site = null;
    this.tickets = [];
    this.disabled = false;
    this._filter = '';
    this._pending = null;
  }

  override render() {
    const names = serviceNames(this.site);
    const withWaiting = [...new Set(this.tickets.map((tk) => tk.serviceId))];
    const shown = this._filter ? this.tickets.filter((tk) => tk.serviceId === this._filter) : this.tickets;
    return html`<section aria-labelledby="mv-h">
      <h2 id="mv-h">${t('moveTicket')}</h2>
      <form part="form" @submit=${this._onSubmit}>
        <label>${t('filterService')}
          <select name="filter" data-filter @change=${(e: Event) => (this._filter = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this._filter === ''}>${t('allServices')}</option>
            ${withWaiting.map((id) => html`<option value=${id} ?selected=${id === this._filter}>${names[id] ?? id}</option>`)}
          </select>
        </label>
        <label>${t('chooseTicket')}
          <select name="ticket" required>
            ${shown.map((tk) => html`<option value=${tk.id}>${tk.number} · ${names[tk.serviceId] ?? tk.serviceId}</option>`)}
          </select>
        </label>
        <label>${t('transferTo')}<select name="service" required>
          <option value="" selected>${t('chooseService')}</option>
          ${serviceOptions(this.site, '')}
        </select></label>
        ${positionField()}
        <button type="submit" ?disabled=${this.disabled || shown.length === 0 || this._pending !== null}>${t('move')}</button>
      </form>
      ${this._renderConfirm(names)}
    </section>`;
  }

  private _renderConfirm(names: Record<string, string>) {
    const p = this._pending;
    const tk = p ? this.tickets.find((x) => x.id === p.ticketId) : undefined;
    if (!p || !tk) return null;
    return html`<div class="confirm" role="alertdialog" aria-labelledby="mv-q" data-confirm>
      <span id="mv-q">${t('confirmMove', { number: tk.number, from: names[tk.serviceId] ?? tk.serviceId, to: names[p.serviceId] ?? p.serviceId, position: t(p.position) })}</span>
      <button type="button" class="primary" data-confirm-yes ?disabled=${this.disabled} @click=${this._onConfirm}>${t('confirmYes')}</button>
      <button type="button" data-confirm-no @click=${() => (this._pending = null)}>${t('cancel')}</button>
    </div>`;
  }

  /** The ticket list changed (a move, a call): a pending move of a ticket no longer waiting is dropped. */
  override willUpdate(): void {
    if (this._pending && !this.tickets.some((tk) => tk.id === this._pending!.ticketId)) this._pending = null;
  }

  private _onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    if (this.disabled) return;
    const data = new FormData(e.target as HTMLFormElement);
    const ticketId = String(data.get('ticket') ?? '');
    const serviceId = String(data.get('service') ?? '');
    const position = positionOf(data.get('position'));
    if (!ticketId || !serviceId) return;
    this._pending = { ticketId, serviceId, position };
  }

  /** Sends the confirmed move and clears the target, so the next move starts from a fresh choice. */
  private _onConfirm(): void {
    const p = this._pending;
    if (!p || this.disabled) return;
    this._pending = null;
    const form = this.renderRoot.querySelector('form');
    const target = form?.querySelector<HTMLSelectElement>('select[name=service]');
    if (target) target.value = '';
    fireUnlessDisabled<MoveDetail>(this, 'loket-move-ticket', p);
  }
}
customElements.define('loket-ticket-mover', LoketTicketMover);

declare global {
  interface HTMLElementTagNameMap {
    'loket-ticket-mover': LoketTicketMover;
  }
}
