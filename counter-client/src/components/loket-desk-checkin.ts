import { LitElement, css, html } from 'lit';
import type { CheckInResponse, TicketDto } from '@loket/engine/protocol';
import { codeFromInput } from '@loket/web-common/booking-code';
import { api, ApiError, sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, lang, t, type MessageKey } from '../i18n/i18n.js';
import { theme } from '../theme.js';

/** Detail of `loket-checkin-result`: what to tell the clerk, and the ticket when one was made. */
export interface DeskCheckinResult {
  /** `ok`: an appointment in its window; `late`: a walk-in; `again`: already checked in. */
  kind: 'ok' | 'late' | 'again' | 'error';
  text: string;
  ticket?: TicketDto;
}

const ERROR_TEXT: Partial<Record<string, MessageKey>> = {
  NOT_FOUND: 'deskCheckInUnknown',
  VALIDATION_FAILED: 'deskCheckInUnknown',
  INVALID_TRANSITION: 'deskCheckInCancelled',
  FORBIDDEN: 'deskCheckInOtherAgency',
};

/**
 * The desk's booking check-in: the clerk types a booking code, or a USB scanner types it (a
 * bare code or the booking link of the QR, ending in Enter), and the citizen is checked in at
 * the desk as at the kiosk. It tells the desk what came of it, in the desk's own message lines
 * (no extra height on the one screen): the ticket number and whether it is an appointment in
 * its window, late (a walk-in), too early (when check-in opens) or unknown.
 *
 * @fires loket-checkin-result - `DeskCheckinResult` after each try.
 * @csspart input - the code field
 */
export class LoketDeskCheckin extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      label {
        display: grid;
        gap: 0.2rem;
        font-weight: 600;
      }
      input {
        min-width: 15rem;
        text-transform: uppercase;
        letter-spacing: 0.08em;
        padding: 0 0.5rem;
        border: 2px solid var(--line);
        border-radius: 0.3rem;
      }
    `,
  ];

  static override properties = {
    siteId: { type: String, attribute: 'site-id' },
    token: { type: String },
    timeZone: { type: String, attribute: 'time-zone' },
    disabled: { type: Boolean },
    _code: { state: true },
    _busy: { state: true },
  };
  declare siteId: string;
  /** Bearer token of the logged-in clerk. */
  declare token: string;
  /** The site's time zone, for the time check-in opens. */
  declare timeZone: string;
  declare disabled: boolean;
  declare private _code: string;
  declare private _busy: boolean;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this.timeZone = 'Asia/Jakarta';
    this.disabled = false;
    this._code = '';
    this._busy = false;
  }

  override render() {
    return html`<form @submit=${this._onSubmit}>
        <label>${t('deskCheckInCode')}
          <input part="input" data-testid="desk-checkin-code" autocomplete="off" spellcheck="false" maxlength="120" placeholder="ABCDE-12345"
            .value=${this._code} @input=${(e: Event) => (this._code = (e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" data-action="desk-check-in" ?disabled=${this.disabled || this._busy || !codeFromInput(this._code)}>
          ${this._busy ? t('deskCheckingIn') : t('deskCheckInButton')}
        </button>
      </form>`;
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const code = codeFromInput(this._code);
    if (!code || this._busy || this.disabled) return;
    this._busy = true;
    try {
      const r = await api<CheckInResponse<TicketDto>>(sitePath(this.siteId, `/bookings/${encodeURIComponent(code)}/check-in`), { method: 'POST', token: this.token });
      const number = r.ticket.number;
      const slot = `${r.booking.slotStart}-${r.booking.slotEnd}`;
      const late = r.booking.state === 'late';
      this._code = '';
      if (r.seq === undefined) this._tell({ kind: 'again', text: t('deskCheckedInAgain', { number, state: t(`booking_${r.booking.state}`) }) });
      else this._tell({ kind: late ? 'late' : 'ok', text: t(late ? 'deskCheckedInLate' : 'deskCheckedIn', { number, slot }), ticket: r.ticket });
    } catch (err) {
      this._tell({ kind: 'error', text: this._errorText(err) });
    } finally {
      this._busy = false;
    }
  }

  private _tell(detail: DeskCheckinResult): void {
    this.dispatchEvent(new CustomEvent<DeskCheckinResult>('loket-checkin-result', { detail, bubbles: true, composed: true }));
  }

  private _errorText(err: unknown): string {
    if (!(err instanceof ApiError)) return errorText(err);
    if (err.code === 'CHECK_IN_TOO_EARLY') {
      const from = (err.details as { checkInFrom?: string } | undefined)?.checkInFrom;
      const time = from ? new Date(from).toLocaleTimeString(lang() === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: this.timeZone }) : '?';
      return t('deskCheckInEarly', { time });
    }
    const key = ERROR_TEXT[err.code];
    return key ? t(key) : errorText(err);
  }

  /** Puts the cursor in the code field (a scanner then types into it). */
  override focus(): void {
    this.renderRoot.querySelector('input')?.focus();
  }
}

customElements.define('loket-desk-checkin', LoketDeskCheckin);

declare global {
  interface HTMLElementTagNameMap {
    'loket-desk-checkin': LoketDeskCheckin;
  }
}
