import { LitElement, css, html } from 'lit';
import type { TicketView } from '@loket/engine/protocol';
import { ClockController } from '@loket/web-common/clock-controller';
import { serverNow } from '@loket/web-common/server-clock';
import { LangController, isMessageKey, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { elapsed } from '../time-format.js';
import { priorityLabel } from './priority-label.js';

/**
 * The ticket held by a counter, large, with its running timers.
 * @csspart number - the ticket number
 */
export class LoketCurrentTicket extends LitElement {
  static override styles = [
    theme,
    css`
      section {
        border: 3px solid var(--fg);
        border-radius: 0.5rem;
        padding: 1rem;
        background: var(--panel);
      }
      .number {
        font-size: 4rem;
        font-weight: 800;
        letter-spacing: 0.05em;
        line-height: 1;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.25rem 1rem;
        margin: 0.75rem 0 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
      .timer {
        font-size: 1.6rem;
        font-weight: 700;
      }
    `,
  ];

  static override properties = { ticket: { attribute: false }, serviceName: { type: String } };
  /** The called or serving ticket, or null. */
  declare ticket: TicketView | null;
  /** Display name of the ticket's service. */
  declare serviceName: string;
  private readonly _lang = new LangController(this);
  private readonly _clock = new ClockController(this, serverNow);

  constructor() {
    super();
    this.ticket = null;
    this.serviceName = '';
  }

  override render() {
    const tk = this.ticket;
    if (!tk) {
      return html`<section aria-labelledby="cur-h"><h2 id="cur-h">${t('currentTicket')}</h2><p>${t('noCurrentTicket')}</p></section>`;
    }
    const now = this._clock.now;
    const waitedUntil = tk.calledAt ? Date.parse(tk.calledAt) : now;
    return html`<section aria-labelledby="cur-h">
      <h2 id="cur-h">${t('currentTicket')}</h2>
      <div class="number" part="number" data-ticket-id=${tk.id}>${tk.number}</div>
      <dl>
        <dt>${t('service')}</dt>
        <dd>${this.serviceName || tk.serviceId}</dd>
        <dt>${t('status')}</dt>
        <dd data-state=${tk.state}>${stateLabel(tk.state)}</dd>
        <dt>${t('priorityClass')}</dt>
        <dd>${priorityLabel(tk)}${tk.recallCount > 0 ? html` · ${t('recallCount', { n: tk.recallCount })}` : null}</dd>
        <dt>${t('waitedFor')}</dt>
        <dd class="timer">${elapsed(tk.createdAt, waitedUntil)}</dd>
        <dt>${t('atCounterFor')}</dt>
        <dd class="timer">${elapsed(tk.calledAt, now)}</dd>
      </dl>
    </section>`;
  }
}
function stateLabel(state: string): string {
  const key = `state_${state}`;
  return isMessageKey(key) ? t(key) : state;
}

customElements.define('loket-current-ticket', LoketCurrentTicket);

declare global {
  interface HTMLElementTagNameMap {
    'loket-current-ticket': LoketCurrentTicket;
  }
}
