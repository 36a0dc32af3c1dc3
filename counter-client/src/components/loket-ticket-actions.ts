import { LitElement, css, html } from 'lit';
import type { TicketView } from '@loket/engine/protocol';
import type { TicketAction } from '../desk-actions.js';
import { LangController, t } from '../i18n/i18n.js';
import { TICKET_BUTTONS, legalActions } from '../ticket-buttons.js';
import { theme } from '../theme.js';
import { fireUnlessDisabled } from './fire-event.js';

/**
 * Buttons for the current ticket; only the legal ones are enabled.
 * @fires loket-ticket-action - `CustomEvent<{ action: TicketAction }>` when a button is pressed
 * @csspart group - the button group
 */
export class LoketTicketActions extends LitElement {
  static override styles = [
    theme,
    css`
      div {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  static override properties = { ticket: { attribute: false }, disabled: { type: Boolean } };
  /** The counter's current ticket, or null. */
  declare ticket: TicketView | null;
  /** A request is in flight. */
  declare disabled: boolean;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.ticket = null;
    this.disabled = false;
  }

  override render() {
    const legal = legalActions(this.ticket?.state);
    return html`<div part="group" role="group" aria-label=${t('currentTicket')}>
      ${TICKET_BUTTONS.map(
        (a) => html`<button data-action=${a.action} class=${a.action === 'no-show' ? 'danger' : ''} ?disabled=${this.disabled || !legal.includes(a.action)}
          @click=${() => this._onClick(a.action)}>${t(a.label)}</button>`,
      )}
    </div>`;
  }

  private _onClick(action: TicketAction): void {
    fireUnlessDisabled(this, 'loket-ticket-action', { action });
  }
}
customElements.define('loket-ticket-actions', LoketTicketActions);

declare global {
  interface HTMLElementTagNameMap {
    'loket-ticket-actions': LoketTicketActions;
  }
}
