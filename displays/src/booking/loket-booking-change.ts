import { LitElement, css, html, nothing } from 'lit';
import type { BookingDto, BookingResponse, BookingSetup, SlotDto, SlotsResponse } from '@loket/engine/protocol';
import { t, type Locale, type MessageKey } from '../i18n/messages.js';
import { ApiError, apiRequest } from '../net/api.js';
import { bookingStyles } from './booking-styles.js';
import { datesFrom } from './booking-dates.js';

/**
 * "Ubah jadwal / Change time": the citizen picks another day (within the service's booking
 * horizon) and a free slot of the same service, and moves the booking there. The code stays.
 *
 * @fires loket-rescheduled - `{ booking }` once moved.
 * @fires loket-change-cancel - the citizen kept the current time.
 */
export class LoketBookingChange extends LitElement {
  static override styles = [
    bookingStyles,
    css`
      /* The long list of slots scrolls under the confirm button, which stays in reach. */
      .actions.sticky {
        position: sticky;
        bottom: 0;
        background: #fff;
        padding: 0.75rem 0;
        margin-bottom: -0.75rem;
      }
    `,
  ];

  static override properties = {
    apiBase: { attribute: false },
    locale: { type: String },
    booking: { attribute: false },
    setup: { attribute: false },
    _date: { state: true },
    _slots: { state: true },
    _slot: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  declare apiBase: string;
  declare locale: Locale;
  /** The booking to move. */
  declare booking: BookingDto | null;
  declare setup: BookingSetup | null;
  declare private _date: string;
  declare private _slots: SlotDto[];
  declare private _slot: string;
  declare private _error: MessageKey | '';
  declare private _busy: boolean;

  constructor() {
    super();
    this.apiBase = '';
    this.locale = 'id';
    this.booking = null;
    this.setup = null;
    this._date = '';
    this._slots = [];
    this._slot = '';
    this._error = '';
    this._busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.booking && !this._date) {
      this._date = this.booking.date;
      void this._loadSlots();
    }
  }

  override render() {
    const b = this.booking;
    const service = this.setup?.services.find((x) => x.id === b?.serviceId);
    if (!b || !this.setup || !service) return nothing;
    const dateFmt = new Intl.DateTimeFormat(this.locale === 'id' ? 'id-ID' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    const dates = datesFrom(this.setup.today, service.daysAhead);
    const open = this._slots.filter((x) => x.capacity > 0 && x.available > 0 && !(this._date === b.date && x.start === b.slotStart));
    const chosen = this._slot ? `${dateFmt.format(new Date(`${this._date}T00:00:00Z`))}, ${this._slot}` : '';
    return html`<section data-testid="booking-change" aria-labelledby="change-h">
      <h2 id="change-h">${t(this.locale, 'booking.changeTitle')}</h2>
      <p class="hint">${t(this.locale, 'booking.changeHint')}</p>
      <label for="change-date">${t(this.locale, 'booking.date')}</label>
      <select id="change-date" data-testid="change-date" @change=${this._onDate}>
        ${dates.map((d) => html`<option value=${d} ?selected=${d === this._date}>${dateFmt.format(new Date(`${d}T00:00:00Z`))}</option>`)}
      </select>
      <label id="change-slot-label">${t(this.locale, 'booking.slot')}</label>
      ${open.length
        ? html`<div class="slots" role="group" aria-labelledby="change-slot-label">
            ${open.map(
              (x) => html`<button data-slot=${x.start} aria-pressed=${x.start === this._slot ? 'true' : 'false'} @click=${() => this._pick(x.start)}>
                ${x.start}<small>${t(this.locale, 'booking.left', { n: x.available })}</small>
              </button>`,
            )}
          </div>`
        : html`<p class="hint">${t(this.locale, 'booking.noSlots')}</p>`}
      ${this._error ? html`<p class="message" role="alert" data-testid="change-message">${t(this.locale, this._error)}</p>` : nothing}
      <div class="actions sticky">
        <button class="secondary" data-action="change-back" @click=${this._onBack}>${t(this.locale, 'booking.changeBack')}</button>
        <button data-action="change-confirm" ?disabled=${!this._slot || this._busy} @click=${this._onConfirm}>
          ${this._busy ? t(this.locale, 'booking.changing') : this._slot ? t(this.locale, 'booking.changeTo', { when: chosen }) : t(this.locale, 'booking.change')}
        </button>
      </div>
    </section>`;
  }

  private async _loadSlots(): Promise<void> {
    const b = this.booking;
    this._slots = [];
    this._slot = '';
    if (!b || !this._date) return;
    try {
      const q = `serviceId=${encodeURIComponent(b.serviceId)}&date=${this._date}`;
      this._slots = (await apiRequest<SlotsResponse>(this.apiBase, 'GET', `/api/v1/public/sites/${encodeURIComponent(b.siteId)}/slots?${q}`)).slots;
    } catch (err) {
      this._fail(err);
    }
  }

  override firstUpdated(): void {
    this.scrollIntoView?.({ block: 'start' });
  }

  private _pick(slot: string): void {
    this._slot = slot;
    this._error = '';
  }

  private _onDate(e: Event): void {
    this._date = (e.target as HTMLSelectElement).value;
    this._error = '';
    void this._loadSlots();
  }

  private async _onConfirm(): Promise<void> {
    const b = this.booking;
    if (!b || !this._slot || this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      const body = { date: this._date, slotStart: this._slot };
      const r = await apiRequest<BookingResponse>(this.apiBase, 'POST', `/api/v1/public/bookings/${encodeURIComponent(b.code)}/reschedule`, { body });
      this.dispatchEvent(new CustomEvent('loket-rescheduled', { detail: { booking: r.booking }, bubbles: true, composed: true }));
    } catch (err) {
      this._fail(err);
      if (err instanceof ApiError && err.code === 'SLOT_FULL') void this._loadSlots();
    } finally {
      this._busy = false;
    }
  }

  private _fail(err: unknown): void {
    const code = err instanceof ApiError ? err.code : '';
    const known = `booking.err.${code}` as MessageKey;
    this._error = code === 'NETWORK' ? 'error.network' : code && t('en', known) !== undefined ? known : 'error.generic';
  }

  private _onBack(): void {
    this.dispatchEvent(new CustomEvent('loket-change-cancel', { bubbles: true, composed: true }));
  }
}

customElements.define('loket-booking-change', LoketBookingChange);

declare global {
  interface HTMLElementTagNameMap {
    'loket-booking-change': LoketBookingChange;
  }
}
