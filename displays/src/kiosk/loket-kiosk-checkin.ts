import { LitElement, css, html, nothing } from 'lit';
import type { BookingDto, CheckInResponse, TicketDto } from '@loket/engine/protocol';
import { t, type Locale, type MessageKey } from '../i18n/messages.js';
import { ApiError, apiRequest } from '../net/api.js';
import { codeFromInput } from '@loket/web-common/booking-code';
import './loket-kiosk-qr-scan.js';
import type { QrFailedDetail, QrReadDetail } from './loket-kiosk-qr-scan.js';

/** Detail of `loket-checked-in`. */
export interface CheckedInDetail {
  ticket: TicketDto;
  booking: BookingDto;
}

export { codeFromInput };

/**
 * "Sudah booking? / Have a booking?": the citizen types the booking code (a scanner that types,
 * as USB QR readers do, works the same), or shows the booking's QR to the kiosk's camera
 * ("Pindai QR", `<loket-kiosk-qr-scan>`), and gets the ticket of the check-in. Typing always
 * remains; a kiosk without a camera, or one refused, says so.
 *
 * @fires loket-checked-in - `{ ticket, booking }` once checked in.
 * @fires loket-checkin-cancel - the citizen went back.
 */
export class LoketKioskCheckin extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    label {
      display: block;
      font-weight: 600;
      margin-bottom: 0.5rem;
    }
    input {
      box-sizing: border-box;
      width: 100%;
      font: inherit;
      font-size: 1.6em;
      letter-spacing: 0.15em;
      text-transform: uppercase;
      padding: 0.5rem 0.75rem;
      border: 3px solid #0b3d91;
      border-radius: 14px;
      min-height: 96px;
    }
    input:focus-visible {
      outline: 4px solid #ffb000;
      outline-offset: 3px;
    }
    p.hint {
      margin: 0.75rem 0;
    }
    .message {
      padding: 1rem 1.25rem;
      border-radius: 14px;
      background: #fff3f3;
      border: 3px solid #a00000;
      color: #6b0000;
      font-weight: 600;
      margin-top: 1rem;
    }
    .nav {
      display: flex;
      gap: 1rem;
      margin-top: 1.5rem;
    }
    button {
      flex: 1;
      font: inherit;
      min-height: 96px;
      padding: 0.75rem 1.25rem;
      border: 0;
      border-radius: 14px;
      background: #0b3d91;
      color: #fff;
      font-weight: 600;
      cursor: pointer;
      touch-action: manipulation;
    }
    button.secondary {
      background: #fff;
      color: #0b3d91;
      border: 3px solid #0b3d91;
    }
    button:disabled {
      opacity: 0.6;
    }
    loket-kiosk-qr-scan {
      margin-bottom: 1rem;
    }
  `;

  static override properties = {
    apiBase: { type: String, attribute: 'api-base' },
    site: { type: String },
    token: { type: String },
    locale: { type: String },
    timeZone: { type: String, attribute: 'time-zone' },
    _code: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _scanning: { state: true },
  };

  declare apiBase: string;
  declare site: string;
  /** Kiosk device token. */
  declare token: string;
  declare locale: Locale;
  declare timeZone: string;
  declare private _code: string;
  declare private _error: string;
  declare private _busy: boolean;
  /** The camera is open, looking for the booking's QR. */
  declare private _scanning: boolean;

  constructor() {
    super();
    this.apiBase = '';
    this.site = '';
    this.token = '';
    this.locale = 'id';
    this.timeZone = 'Asia/Jakarta';
    this._code = '';
    this._error = '';
    this._busy = false;
    this._scanning = false;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector('input')?.focus();
  }

  override render() {
    return html`${this._scanning
        ? html`<loket-kiosk-qr-scan .locale=${this.locale} @loket-qr-read=${this._onQr} @loket-qr-failed=${this._onQrFailed}></loket-kiosk-qr-scan>`
        : nothing}
      <form @submit=${this._onSubmit}>
      <label for="code">${t(this.locale, 'checkin.label')}</label>
      <input
        id="code"
        name="code"
        data-testid="checkin-code"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        maxlength="80"
        placeholder="ABCDE-12345"
        .value=${this._code}
        @input=${(e: Event) => (this._code = (e.target as HTMLInputElement).value)}
      />
      <p class="hint">${t(this.locale, 'checkin.hint')}</p>
      ${this._error ? html`<p class="message" role="alert" data-testid="checkin-message">${this._error}</p>` : nothing}
      <div class="nav">
        <button type="button" class="secondary" data-action="back" @click=${this._onBack}>${t(this.locale, 'kiosk.back')}</button>
        <button type="button" class="secondary" data-action="scan-qr" aria-pressed=${this._scanning ? 'true' : 'false'} ?disabled=${this._busy}
        @click=${() => this._toggleScan()}>${t(this.locale, this._scanning ? 'checkin.scanStop' : 'checkin.scan')}</button>
        <button type="submit" data-action="check-in" ?disabled=${this._busy || !codeFromInput(this._code)}>${t(this.locale, 'checkin.submit')}</button>
      </div>
    </form>`;
  }

  private _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    return this._checkIn(codeFromInput(this._code));
  }

  private _toggleScan(): void {
    this._scanning = !this._scanning;
    this._error = '';
  }

  /** A QR was read: checked in exactly as if its code had been typed. */
  private _onQr(e: CustomEvent<QrReadDetail>): Promise<void> {
    this._scanning = false;
    this._code = codeFromInput(e.detail.text);
    return this._checkIn(this._code);
  }

  private _onQrFailed(e: CustomEvent<QrFailedDetail>): void {
    this._scanning = false;
    this._error = t(this.locale, e.detail.reason);
    this.renderRoot.querySelector('input')?.focus();
  }

  private async _checkIn(code: string): Promise<void> {
    if (!code || this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      const res = await apiRequest<CheckInResponse<TicketDto>>(
        this.apiBase,
        'POST',
        `/api/v1/sites/${encodeURIComponent(this.site)}/bookings/${encodeURIComponent(code)}/check-in`,
        { token: this.token },
      );
      this._code = '';
      this.dispatchEvent(new CustomEvent<CheckedInDetail>('loket-checked-in', { detail: { ticket: res.ticket, booking: res.booking }, bubbles: true, composed: true }));
    } catch (err) {
      this._error = this._message(err);
    } finally {
      this._busy = false;
    }
  }

  private _message(err: unknown): string {
    const code = err instanceof ApiError ? err.code : '';
    const keys: Record<string, MessageKey> = {
      NOT_FOUND: 'checkin.notFound',
      VALIDATION_FAILED: 'checkin.notFound',
      INVALID_TRANSITION: 'checkin.cancelled',
      QUOTA_EXHAUSTED: 'kiosk.quota',
      SITE_CLOSED: 'kiosk.closed',
      NETWORK: 'error.network',
    };
    if (code === 'CHECK_IN_TOO_EARLY') return t(this.locale, 'checkin.early');
    return t(this.locale, keys[code] ?? 'error.generic');
  }

  private _onBack(): void {
    this.dispatchEvent(new CustomEvent('loket-checkin-cancel', { bubbles: true, composed: true }));
  }
}

customElements.define('loket-kiosk-checkin', LoketKioskCheckin);

declare global {
  interface HTMLElementTagNameMap {
    'loket-kiosk-checkin': LoketKioskCheckin;
  }
}
