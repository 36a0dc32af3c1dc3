import { html, nothing } from 'lit';
import QRCode from 'qrcode';
import type { BookingDto, BookingResponse, BookingSetup, SlotDto, SlotsResponse } from '@loket/engine/protocol';
import { t, type MessageKey } from '../i18n/messages.js';
import { ApiError, apiRequest } from '../net/api.js';
import { pathId, resolveSiteId } from '../net/page-config.js';
import '@loket/web-common/loket-lang-switch';
import { LocalizedPage } from '../shared/localized-page.js';
import { datesFrom } from './booking-dates.js';
import './loket-booking-change.js';
import { bookingStyles } from './booking-styles.js';

/** `ABCDE12345` -> `ABCDE-12345`. */
const grouped = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;


/**
 * The public booking page at `/booking` (and `/booking/<code>`): choose a service, a day and
 * a slot, give a NIK or phone as the site asks, get a code and its QR; view, change the time
 * (`<loket-booking-change>`) or cancel by code.
 * Citizens need no account.
 *
 * @fires loket-booked - `{ booking }` once a booking is made.
 * @csspart code - the booking code.
 */
export class LoketBooking extends LocalizedPage {
  static override styles = bookingStyles;

  static override properties = {
    site: { type: String },
    code: { type: String },
    _setup: { state: true },
    _serviceId: { state: true },
    _date: { state: true },
    _slots: { state: true },
    _slot: { state: true },
    _nik: { state: true },
    _phone: { state: true },
    _booking: { state: true },
    _qr: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _lookup: { state: true },
    _changing: { state: true },
    _changed: { state: true },
  };

  /** Site id; empty = `?site=` or the first site of the engine. */
  declare site: string;
  /** A booking code to show; empty = from the path `/booking/<code>`, else the booking form. */
  declare code: string;
  declare private _setup: BookingSetup | null;
  declare private _serviceId: string;
  declare private _date: string;
  declare private _slots: SlotDto[];
  declare private _slot: string;
  declare private _nik: string;
  declare private _phone: string;
  declare private _booking: BookingDto | null;
  declare private _qr: string;
  declare private _error: MessageKey | '';
  declare private _busy: boolean;
  declare private _lookup: string;
  /** The "change time" picker is open. */
  declare private _changing: boolean;
  /** The booking shown was just moved. */
  declare private _changed: boolean;
  /** One key per booking attempt: a retry after a lost answer gets the same booking. */
  private _idemKey = '';

  constructor() {
    super();
    this.site = '';
    this.code = pathId('booking', 'code', '');
    this._setup = null;
    this._serviceId = '';
    this._date = '';
    this._slots = [];
    this._slot = '';
    this._nik = '';
    this._phone = '';
    this._booking = null;
    this._qr = '';
    this._error = '';
    this._busy = false;
    this._lookup = '';
    this._changing = false;
    this._changed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override render() {
    return html`<header>
        <div>
          <h1>${t(this.locale, 'booking.title')}</h1>
          <div class="site">${this._setup?.siteName ?? ''}</div>
        </div>
        <loket-lang-switch .locale=${this.locale} @loket-locale-change=${this._onLocale}></loket-lang-switch>
      </header>
      <main>
        ${this._error ? html`<p class="message" role="alert" data-testid="booking-message">${t(this.locale, this._error)}</p>` : nothing}
        ${this._booking ? this._result(this._booking) : this._setup ? this._form(this._setup) : html`<p>${t(this.locale, 'common.loading')}</p>`}
      </main>`;
  }

  private _form(s: BookingSetup) {
    const service = s.services.find((x) => x.id === this._serviceId);
    const dateFmt = new Intl.DateTimeFormat(this.locale === 'id' ? 'id-ID' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    const asks = s.identity;
    const ready = this._slot && (asks === 'nik' ? this._nik : asks === 'phone' ? this._phone : this._nik || this._phone);
    return html`<section>
        <label for="service">${t(this.locale, 'booking.service')}</label>
        <select id="service" data-testid="booking-service" @change=${this._onService}>
          <option value="" ?selected=${!this._serviceId}>${t(this.locale, 'booking.chooseService')}</option>
          ${s.services.map((x) => html`<option value=${x.id} ?selected=${x.id === this._serviceId}>${x.name} · ${x.agencyName}</option>`)}
        </select>
        ${service
          ? html`<label for="date">${t(this.locale, 'booking.date')}</label>
              <select id="date" data-testid="booking-date" @change=${this._onDate}>
                ${datesFrom(s.today, service.daysAhead).map((d) => html`<option value=${d} ?selected=${d === this._date}>${dateFmt.format(new Date(`${d}T00:00:00Z`))}</option>`)}
              </select>
              <label id="slot-label">${t(this.locale, 'booking.slot')}</label>
              ${this._slotButtons()}`
          : nothing}
      </section>
      ${service
        ? html`<section>
            ${asks !== 'phone'
              ? html`<label for="nik">${t(this.locale, 'booking.nik')}</label>
                  <input id="nik" data-testid="booking-nik" inputmode="numeric" autocomplete="off" maxlength="20" .value=${this._nik} @input=${(e: Event) => (this._nik = (e.target as HTMLInputElement).value)} />`
              : nothing}
            ${asks !== 'nik'
              ? html`<label for="phone">${t(this.locale, 'booking.phone')}</label>
                  <input id="phone" data-testid="booking-phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" .value=${this._phone} @input=${(e: Event) => (this._phone = (e.target as HTMLInputElement).value)} />`
              : nothing}
            ${asks === 'either' ? html`<p class="hint">${t(this.locale, 'booking.either')}</p>` : nothing}
            <p class="hint">${t(this.locale, 'booking.identityHint')}</p>
            <div class="actions">
              <button data-action="book" ?disabled=${!ready || this._busy} @click=${this._onBook}>
                ${this._busy ? t(this.locale, 'booking.booking') : t(this.locale, 'booking.submit')}
              </button>
            </div>
          </section>`
        : nothing}
      <section>
        <h2>${t(this.locale, 'booking.lookup')}</h2>
        <form @submit=${this._onLookup} class="actions">
          <input aria-label=${t(this.locale, 'booking.yourCode')} data-testid="booking-lookup" placeholder="ABCDE-12345" maxlength="24" .value=${this._lookup} @input=${(e: Event) => (this._lookup = (e.target as HTMLInputElement).value)} />
          <button class="secondary" type="submit" ?disabled=${!this._lookup.trim()}>${t(this.locale, 'booking.lookupButton')}</button>
        </form>
      </section>`;
  }

  private _slotButtons() {
    const open = this._slots.filter((x) => x.capacity > 0 && x.available > 0);
    if (!open.length) return html`<p class="hint">${t(this.locale, 'booking.noSlots')}</p>`;
    return html`<div class="slots" role="group" aria-labelledby="slot-label">
      ${open.map(
        (x) => html`<button data-slot=${x.start} aria-pressed=${x.start === this._slot ? 'true' : 'false'} @click=${() => (this._slot = x.start)}>
          ${x.start}<small>${t(this.locale, 'booking.left', { n: x.available })}</small>
        </button>`,
      )}
    </div>`;
  }

  private _result(b: BookingDto) {
    const s = this._setup;
    const tz = s?.timezone ?? 'Asia/Jakarta';
    const time = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    const dateFmt = new Intl.DateTimeFormat(this.locale === 'id' ? 'id-ID' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const service = s?.services.find((x) => x.id === b.serviceId);
    return html`<section data-testid="booking-result">
      ${this._changed
        ? html`<h2 data-testid="booking-changed">${t(this.locale, 'booking.changed')}</h2>`
        : b.state === 'booked' && this._idemKey === 'done'
          ? html`<h2>${t(this.locale, 'booking.done')}</h2>`
          : nothing}
      <div>${t(this.locale, 'booking.yourCode')}</div>
      <div class="code" part="code" data-testid="booking-code">${grouped(b.code)}</div>
      ${this._qr ? html`<img class="qr" src=${this._qr} alt=${t(this.locale, 'booking.qrAlt')} />` : nothing}
      <p class="hint">${t(this.locale, 'booking.keepCode')}</p>
      <dl>
        <dt>${t(this.locale, 'booking.service')}</dt>
        <dd>${service?.name ?? b.serviceId}</dd>
        <dt>${t(this.locale, 'booking.when')}</dt>
        <dd>${dateFmt.format(new Date(`${b.date}T00:00:00Z`))}, ${b.slotStart}-${b.slotEnd}</dd>
        <dt>${t(this.locale, 'booking.checkIn')}</dt>
        <dd>${t(this.locale, 'booking.checkInRange', { from: time(b.checkInFrom), to: time(b.checkInUntil) })}</dd>
        <dt>${t(this.locale, 'booking.state')}</dt>
        <dd><span class="state ${b.state}" data-testid="booking-state">${t(this.locale, `booking.state.${b.state}`)}</span></dd>
      </dl>
      <p class="hint">${t(this.locale, 'booking.lateNote')}</p>
      ${this._changing
        ? nothing
        : html`<div class="actions">
            ${b.state === 'booked' && Date.now() < Date.parse(b.checkInUntil)
              ? html`<button class="secondary" data-action="change" @click=${() => (this._changing = true)}>${t(this.locale, 'booking.change')}</button>`
              : nothing}
            ${b.state === 'booked' ? html`<button class="danger" data-action="cancel" ?disabled=${this._busy} @click=${this._onCancel}>${t(this.locale, 'booking.cancel')}</button>` : nothing}
            <button class="secondary" data-action="new" @click=${this._onNew}>${t(this.locale, 'booking.new')}</button>
          </div>`}
    </section>
    ${this._changing
      ? html`<loket-booking-change .apiBase=${this.apiBase} .locale=${this.locale} .booking=${b} .setup=${this._setup}
          @loket-rescheduled=${this._onRescheduled} @loket-change-cancel=${() => (this._changing = false)}></loket-booking-change>`
      : nothing}`;
  }

  private async _load(): Promise<void> {
    try {
      this.site = await resolveSiteId(this.apiBase, this.site);
      this._setup = await apiRequest<BookingSetup>(this.apiBase, 'GET', `/api/v1/public/sites/${encodeURIComponent(this.site)}/booking`);
      if (this.code) await this._show(this.code);
    } catch (err) {
      this._fail(err);
    }
  }

  private async _show(code: string): Promise<void> {
    const r = await apiRequest<BookingResponse>(this.apiBase, 'GET', `/api/v1/public/bookings/${encodeURIComponent(code.replace(/[\s-]/g, ''))}`);
    this._setBooking(r.booking);
  }

  private _setBooking(b: BookingDto): void {
    this._booking = b;
    this._changing = false;
    this._changed = false;
    this._error = '';
    const url = `${this.apiBase || globalThis.location.origin}/booking/${b.code}`;
    void QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }).then((d) => {
      if (this._booking?.code === b.code) this._qr = d;
    });
    if (globalThis.location && !globalThis.location.pathname.endsWith(b.code)) globalThis.history?.replaceState(null, '', `/booking/${b.code}${globalThis.location.search}`);
  }

  private _fail(err: unknown): void {
    const code = err instanceof ApiError ? err.code : '';
    const known = `booking.err.${code}` as MessageKey;
    this._error = code === 'NETWORK' ? 'error.network' : code && t('en', known) !== undefined ? known : 'error.generic';
  }

  private async _loadSlots(): Promise<void> {
    this._slots = [];
    this._slot = '';
    if (!this._serviceId || !this._date) return;
    try {
      const r = await apiRequest<SlotsResponse>(this.apiBase, 'GET', `/api/v1/public/sites/${encodeURIComponent(this.site)}/slots?serviceId=${encodeURIComponent(this._serviceId)}&date=${this._date}`);
      this._slots = r.slots;
    } catch (err) {
      this._fail(err);
    }
  }

  private _onService(e: Event): void {
    this._serviceId = (e.target as HTMLSelectElement).value;
    this._date = this._setup?.today ?? '';
    this._error = '';
    void this._loadSlots();
  }

  private _onDate(e: Event): void {
    this._date = (e.target as HTMLSelectElement).value;
    void this._loadSlots();
  }

  private async _onBook(): Promise<void> {
    if (this._busy || !this._setup) return;
    this._busy = true;
    this._error = '';
    if (!this._idemKey) this._idemKey = globalThis.crypto.randomUUID();
    const body = {
      serviceId: this._serviceId,
      date: this._date,
      slotStart: this._slot,
      ...(this._nik.trim() ? { nik: this._nik.trim() } : {}),
      ...(this._phone.trim() ? { phone: this._phone.trim() } : {}),
    };
    try {
      const r = await apiRequest<BookingResponse>(this.apiBase, 'POST', `/api/v1/public/sites/${encodeURIComponent(this.site)}/bookings`, { body, headers: { 'Idempotency-Key': this._idemKey } });
      this._idemKey = 'done';
      this._nik = '';
      this._phone = '';
      this._setBooking(r.booking);
      this.dispatchEvent(new CustomEvent('loket-booked', { detail: { booking: r.booking }, bubbles: true, composed: true }));
    } catch (err) {
      this._idemKey = '';
      this._fail(err);
      if (err instanceof ApiError && err.code === 'SLOT_FULL') void this._loadSlots();
    } finally {
      this._busy = false;
    }
  }

  private _onRescheduled(e: CustomEvent<{ booking: BookingDto }>): void {
    this._changing = false;
    this._changed = true;
    this._booking = e.detail.booking;
  }

  private async _onCancel(): Promise<void> {
    const b = this._booking;
    if (!b || this._busy || !globalThis.confirm(t(this.locale, 'booking.confirmCancel'))) return;
    this._busy = true;
    try {
      const r = await apiRequest<BookingResponse>(this.apiBase, 'POST', `/api/v1/public/bookings/${encodeURIComponent(b.code)}/cancel`);
      this._booking = r.booking;
    } catch (err) {
      this._fail(err);
    } finally {
      this._busy = false;
    }
  }

  private async _onLookup(e: Event): Promise<void> {
    e.preventDefault();
    try {
      await this._show(this._lookup.trim());
      this._lookup = '';
    } catch (err) {
      this._fail(err);
    }
  }

  private _onNew(): void {
    this._booking = null;
    this._changing = false;
    this._changed = false;
    this._qr = '';
    this._idemKey = '';
    this._error = '';
    this._slot = '';
    globalThis.history?.replaceState(null, '', `/booking${globalThis.location?.search ?? ''}`);
    void this._loadSlots();
  }
}

customElements.define('loket-booking', LoketBooking);

declare global {
  interface HTMLElementTagNameMap {
    'loket-booking': LoketBooking;
  }
}
