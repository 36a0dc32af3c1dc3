import { LitElement, css, html, nothing } from 'lit';
import QRCode from 'qrcode';
import type { TicketDto } from '@loket/engine/protocol';
import { t, type Locale } from '../i18n/messages.js';

/**
 * The issued ticket as shown on the kiosk and printed on thermal paper:
 * number, service, people ahead, estimated wait, QR code of the status page.
 *
 * @csspart number - the ticket number.
 * @csspart qr - the QR code image.
 */
export class LoketKioskTicket extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .ticket {
      background: #fff;
      color: #000;
      border-radius: 14px;
      padding: 1.5rem;
      max-width: 520px;
      margin: 0 auto;
      text-align: center;
      box-shadow: 0 2px 12px rgb(0 0 0 / 0.15);
    }
    .site {
      font-weight: 700;
    }
    .num {
      font-size: 5rem;
      font-weight: 800;
      line-height: 1.1;
      margin: 0.25rem 0;
    }
    dl {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.25rem 1rem;
      text-align: left;
      margin: 1rem 0;
    }
    dd {
      margin: 0;
      font-weight: 700;
      text-align: right;
    }
    img {
      width: 200px;
      height: 200px;
    }
    .tag {
      display: inline-block;
      padding: 0.1rem 0.6rem;
      border: 2px solid #000;
      border-radius: 6px;
      font-weight: 700;
    }
    .small {
      font-size: 0.85rem;
    }
    @media print {
      .ticket {
        box-sizing: border-box;
        width: var(--paper-width, 48mm);
        max-width: none;
        margin: 0;
        padding: 2mm;
        box-shadow: none;
        border-radius: 0;
        font-size: 9pt;
      }
      .num {
        font-size: 28pt;
      }
      .small {
        font-size: 7.5pt;
      }
      dl {
        margin: 2mm 0;
      }
      img {
        width: 30mm;
        height: 30mm;
      }
    }
  `;

  static override properties = {
    ticket: { attribute: false },
    siteName: { type: String, attribute: 'site-name' },
    serviceName: { type: String, attribute: 'service-name' },
    agencyName: { type: String, attribute: 'agency-name' },
    statusUrl: { type: String, attribute: 'status-url' },
    timeZone: { type: String, attribute: 'time-zone' },
    locale: { type: String },
    _qr: { state: true },
  };

  /** The issued ticket. */
  declare ticket: TicketDto | null;
  declare siteName: string;
  declare serviceName: string;
  declare agencyName: string;
  /** Absolute URL of the citizen status page, encoded in the QR code. */
  declare statusUrl: string;
  /** Site time zone for the printed time. */
  declare timeZone: string;
  declare locale: Locale;
  declare private _qr: string;
  /** The QR code of the current status URL, once drawn. */
  private _qrDone: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.ticket = null;
    this.siteName = '';
    this.serviceName = '';
    this.agencyName = '';
    this.statusUrl = '';
    this.timeZone = 'Asia/Jakarta';
    this.locale = 'id';
    this._qr = '';
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('statusUrl') && this.statusUrl) {
      const url = this.statusUrl;
      this._qrDone = QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }).then((data) => {
        if (this.statusUrl === url) this._qr = data;
      });
    }
  }

  /** Resolves once the ticket, with its QR code decoded, is on the page: only then may it print. */
  async whenPrintable(): Promise<void> {
    await this.updateComplete; // a new status URL starts its QR code in this update
    await this._qrDone.catch(() => undefined);
    await this.updateComplete; // and the code is drawn in the next
    await this.renderRoot.querySelector('img')?.decode().catch(() => undefined);
  }

  override render() {
    const tk = this.ticket;
    if (!tk) return nothing;
    const issued = new Intl.DateTimeFormat(this.locale === 'id' ? 'id-ID' : 'en-GB', {
      timeZone: this.timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(tk.createdAt));
    return html`<article class="ticket" data-testid="ticket">
      <div class="site">${this.siteName}</div>
      <div class="small">${this.agencyName}</div>
      <div>${t(this.locale, 'ticket.number')}</div>
      <div class="num" part="number" data-testid="ticket-number">${tk.number}</div>
      ${tk.priority === 'priority' ? html`<span class="tag">${t(this.locale, 'kiosk.priorityTag')}</span>` : nothing}
      ${tk.priority === 'appointment' ? html`<span class="tag" data-testid="ticket-appointment">${t(this.locale, 'kiosk.appointmentTag')}</span>` : nothing}
      <dl>
        <dt>${t(this.locale, 'ticket.service')}</dt>
        <dd>${this.serviceName}</dd>
        <dt>${t(this.locale, 'ticket.ahead')}</dt>
        <dd data-testid="ticket-ahead">${t(this.locale, 'common.people', { n: tk.position ?? 0 })}</dd>
        <dt>${t(this.locale, 'ticket.eta')}</dt>
        <dd data-testid="ticket-eta">${tk.noCounterServing ? t(this.locale, 'ticket.noCounter') : t(this.locale, 'common.minutes', { n: tk.estimatedWaitMinutes ?? 0 })}</dd>
      </dl>
      ${this._qr ? html`<img part="qr" src=${this._qr} alt=${t(this.locale, 'kiosk.qrAlt')} />` : nothing}
      <div class="small">${t(this.locale, 'kiosk.scan')}</div>
      <div class="small">${issued}</div>
      <div class="small">${t(this.locale, 'kiosk.thanks')}</div>
    </article>`;
  }
}

customElements.define('loket-kiosk-ticket', LoketKioskTicket);

declare global {
  interface HTMLElementTagNameMap {
    'loket-kiosk-ticket': LoketKioskTicket;
  }
}
