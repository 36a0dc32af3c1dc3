import { LitElement, css, html } from 'lit';
import type { CounterStatus } from '@loket/engine/protocol';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { fireUnlessDisabled } from './fire-event.js';

const STATUSES: { status: CounterStatus; long: 'openCounter' | 'pauseCounter' | 'closeCounter'; short: 'status_open' | 'status_paused' | 'status_closed' }[] = [
  { status: 'open', long: 'openCounter', short: 'status_open' },
  { status: 'paused', long: 'pauseCounter', short: 'status_paused' },
  { status: 'closed', long: 'closeCounter', short: 'status_closed' },
];

/**
 * Open / pause / close buttons of one counter; the current status is pressed.
 * @fires loket-status - `CustomEvent<{ status: CounterStatus }>` when a button is pressed
 * @csspart group - the button group
 */
export class LoketStatusButtons extends LitElement {
  static override styles = [
    theme,
    css`
      div {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      :host([compact]) button {
        min-height: 2.5rem;
        padding: 0.2rem 0.5rem;
      }
      /* In a table row the three buttons stay on one line. */
      :host([compact]) div {
        flex-wrap: nowrap;
        gap: 0.3rem;
      }
    `,
  ];

  static override properties = {
    status: { type: String },
    label: { type: String },
    disabled: { type: Boolean },
    compact: { type: Boolean, reflect: true },
  };
  /** The counter's status now (empty while unknown). */
  declare status: CounterStatus | '';
  /** Accessible name of the group. */
  declare label: string;
  /** A request is in flight. */
  declare disabled: boolean;
  /** Short labels and smaller buttons (tables). */
  declare compact: boolean;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.status = '';
    this.label = '';
    this.disabled = false;
    this.compact = false;
  }

  override render() {
    return html`<div part="group" role="group" aria-label=${this.label || t('status')}>
      ${STATUSES.map(
        (s) => html`<button data-status=${s.status} aria-pressed=${this.status === s.status ? 'true' : 'false'} ?disabled=${this.disabled || !this.status}
          @click=${() => this._onClick(s.status)}>${t(this.compact ? s.short : s.long)}</button>`,
      )}
    </div>`;
  }

  private _onClick(status: CounterStatus): void {
    fireUnlessDisabled(this, 'loket-status', { status });
  }
}
customElements.define('loket-status-buttons', LoketStatusButtons);

declare global {
  interface HTMLElementTagNameMap {
    'loket-status-buttons': LoketStatusButtons;
  }
}
