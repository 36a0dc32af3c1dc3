import { LitElement, css, html } from 'lit';
import type { BookingDto, BookingListResponse, BookingState } from '@loket/engine/protocol';
import { api, sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { tableStyles } from './table-styles.js';

/** How often the list is re-read while shown. */
const PERIOD_MS = 30_000;
const STATES: BookingState[] = ['booked', 'checked_in', 'late', 'no_show', 'cancelled'];

/**
 * Today's bookings per service and slot, checked in or not (staff: their own agencies;
 * supervisors: all). Re-read every 30 s and on demand.
 * @csspart table - the table
 */
export class LoketBookingsList extends LitElement {
  static override styles = [
    theme,
    tableStyles,
    css`
      :host {
        display: block;
        /* Never widens the desk's column: the table scrolls inside instead. */
        contain: inline-size;
        overflow-x: auto;
      }
      th {
        font-size: 0.85em;
      }
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 1rem;
      }
      .totals {
        margin: 0.25rem 0 0.75rem;
      }
    `,
  ];

  static override properties = {
    siteId: { type: String, attribute: 'site-id' },
    token: { type: String },
    serviceNames: { attribute: false },
    _data: { state: true },
    _error: { state: true },
  };
  declare siteId: string;
  /** Bearer token of the logged-in user. */
  declare token: string;
  /** Service id -> name. */
  declare serviceNames: Record<string, string>;
  declare private _data: BookingListResponse | null;
  declare private _error: string;
  private _timer: ReturnType<typeof setInterval> | undefined;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this.serviceNames = {};
    this._data = null;
    this._error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._timer = setInterval(() => void this.refresh(), PERIOD_MS);
  }

  override disconnectedCallback(): void {
    clearInterval(this._timer);
    super.disconnectedCallback();
  }

  override updated(changed: Map<string, unknown>): void {
    if ((changed.has('siteId') || changed.has('token')) && this.siteId && this.token) void this.refresh();
  }

  /** Re-reads today's bookings. */
  async refresh(): Promise<void> {
    if (!this.siteId || !this.token) return;
    try {
      this._data = await api<BookingListResponse>(sitePath(this.siteId, '/bookings'), { token: this.token });
      this._error = '';
    } catch (err) {
      this._error = errorText(err);
    }
  }

  override render() {
    const rows = groupBySlot(this._data?.bookings ?? []);
    return html`<section aria-labelledby="bk-h">
      <div class="head">
        <h2 id="bk-h">${t('bookingsToday')}</h2>
        <button type="button" data-action="refresh-bookings" @click=${() => void this.refresh()}>${t('refresh')}</button>
      </div>
      ${this._error ? html`<p role="alert">${this._error}</p>` : null}
      <p class="totals" data-testid="booking-totals">${STATES.map((s) => `${t(`booking_${s}`)}: ${this._data?.counts[s] ?? 0}`).join(' · ')}</p>
      ${rows.length
        ? html`<table part="table">
            <thead>
              <tr>
                <th scope="col">${t('slot')}</th>
                <th scope="col">${t('service')}</th>
                ${STATES.map((s) => html`<th scope="col">${t(`booking_${s}`)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) => html`<tr data-slot=${r.slotStart} data-service=${r.serviceId}>
                  <td>${r.slotStart}-${r.slotEnd}</td>
                  <td>${this.serviceNames[r.serviceId] ?? r.serviceId}</td>
                  ${STATES.map((s) => html`<td class="n">${r.counts[s] || ''}</td>`)}
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${t('noBookings')}</p>`}
    </section>`;
  }
}

interface SlotRow {
  slotStart: string;
  slotEnd: string;
  serviceId: string;
  counts: Record<BookingState, number>;
}

/** One row per slot and service, in slot order (the API lists bookings by slot start). */
export function groupBySlot(bookings: BookingDto[]): SlotRow[] {
  const rows = new Map<string, SlotRow>();
  for (const b of bookings) {
    const k = `${b.slotStart}|${b.serviceId}`;
    let r = rows.get(k);
    if (!r) {
      r = { slotStart: b.slotStart, slotEnd: b.slotEnd, serviceId: b.serviceId, counts: { booked: 0, checked_in: 0, late: 0, no_show: 0, cancelled: 0 } };
      rows.set(k, r);
    }
    r.counts[b.state]++;
  }
  return [...rows.values()];
}

customElements.define('loket-bookings-list', LoketBookingsList);

declare global {
  interface HTMLElementTagNameMap {
    'loket-bookings-list': LoketBookingsList;
  }
}
