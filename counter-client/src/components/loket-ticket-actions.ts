import { LitElement, css, html } from 'lit';
import type { TicketView } from '@loket/engine/protocol';
import type { TicketAction } from '../desk-actions.js';
import { LangController, t, type MessageKey } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { fireUnlessDisabled } from './fire-event.js';

/** Each action, its label, and the state it is legal from. */
const ACTIONS: { action: TicketAction; label: MessageKey; from: TicketView['state'] }[] = [
  { action: 'recall', label: 'recall', from: 'called' },
  { action: 'start', label: 'start', from: 'called' },
  { action: 'finish', label: 'finish', from: 'serving' },
  { action: 'no-show', label: 'noShow', from: 'called' },
  { action: 'requeue', label: 'requeue', from: 'called' },
];

/** The actions legal for a ticket in `state`. */
export function legalActions(state: TicketView['state'] | undefined): TicketAction[] {
  return ACTIONS.filter((a) => a.from === state).map((a) => a.action);
}

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
    const state = this.ticket?.state;
    return html`<div part="group" role="group" aria-label=${t('currentTicket')}>
      ${ACTIONS.map(
        (a) => html`<button data-action=${a.action} class=${a.action === 'no-show' ? 'danger' : ''} ?disabled=${this.disabled || a.from !== state}
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
