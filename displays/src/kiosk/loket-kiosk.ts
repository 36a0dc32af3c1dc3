import { html, nothing } from 'lit';
import type { CounterDto, LoketEvent, PriorityReason, ServiceInfo, SiteInfo, Snapshot, TicketDto } from '@loket/engine/protocol';
import { LiveController } from '@loket/web-common/live';
import { storeLocale, t, type MessageKey } from '../i18n/messages.js';
import { ApiError, apiRequest } from '../net/api.js';
import { pageToken, resolveSiteId, saveToken, urlParam } from '../net/page-config.js';
import '@loket/web-common/loket-lang-switch';
import '../shared/loket-login.js';
import type { LoginDetail } from '../shared/loket-login.js';
import { LocalizedPage } from '../shared/localized-page.js';
import { hoursLines, serviceOutlook, type ServiceOutlook } from './service-outlook.js';
import { kioskStyles } from './kiosk-styles.js';
import './loket-kiosk-checkin.js';
import type { CheckedInDetail } from './loket-kiosk-checkin.js';
import './loket-kiosk-ticket.js';
import { applyPrintPage, type Paper } from './print-page.js';

type Step = 'agency' | 'service' | 'warn' | 'priority' | 'checkin' | 'ticket' | 'error';

const REASONS: PriorityReason[] = ['elderly', 'disability', 'pregnant', 'small_children'];

/** Detail of `loket-ticket-issued`. */
export interface TicketIssuedDetail {
  ticket: TicketDto;
}

/**
 * Self-service kiosk: agency, service, regular or priority, then the issued
 * ticket with its QR code, printable on 58 mm or 80 mm thermal paper.
 * Returns to the start after `idle-seconds` without a touch.
 *
 * @fires loket-ticket-issued - `{ ticket }` once a ticket is issued.
 * @csspart ticket - the issued ticket card.
 */
export class LoketKiosk extends LocalizedPage {
  static override styles = kioskStyles;

  static override properties = {
    site: { type: String },
    token: { type: String },
    paper: { type: String, reflect: true },
    autoPrint: { type: Boolean, attribute: 'auto-print' },
    idleSeconds: { type: Number, attribute: 'idle-seconds' },
    refreshSeconds: { type: Number, attribute: 'refresh-seconds' },
    _info: { state: true },
    _counters: { state: true },
    _waiting: { state: true },
    _full: { state: true },
    _step: { state: true },
    _agencyId: { state: true },
    _service: { state: true },
    _ticket: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  /** Site id; empty = `?site=` or the first site of the engine. */
  declare site: string;
  /** Kiosk device token (e.g. `demo-kiosk-token`); empty = `?token=`, a stored one, or a sign-in form. */
  declare token: string;
  /** Thermal paper width in mm: `58` or `80` (default `?paper=`, else 58). */
  declare paper: Paper;
  /**
   * Prints each ticket as soon as it is issued (or checked in), without a tap: for kiosks run
   * with `chromium --kiosk --kiosk-printing`, where `window.print()` goes to the default printer
   * with no dialog. Opt-in: the `auto-print` attribute or `?print=auto`.
   */
  declare autoPrint: boolean;
  /** Seconds without a touch before the kiosk returns to the start. */
  declare idleSeconds: number;
  /** Seconds between reads of the site's open state and hours (it opens and closes by itself). */
  declare refreshSeconds: number;
  declare private _counters: CounterDto[] | null;
  declare private _waiting: Record<string, number>;
  /** Services that answered QUOTA_EXHAUSTED today (per business day, kept across reloads). */
  declare private _full: Set<string>;
  private _refreshTimer: ReturnType<typeof setInterval> | undefined;
  /** Live counters and waiting counts of the site (the kiosk token may watch `/display`). */
  private readonly _live = new LiveController(this, {
    namespace: '/display',
    origin: () => this.apiBase,
    token: () => this.token,
    onSnapshot: (s) => this._onSnapshot(s),
    onEvent: (e) => this._onEvent(e),
  });

  declare private _info: SiteInfo | null;
  declare private _step: Step;
  declare private _agencyId: string;
  declare private _service: ServiceInfo | null;
  declare private _ticket: TicketDto | null;
  declare private _error: MessageKey | '';
  declare private _busy: boolean;
  /** One key per ticket request: a double tap or a retry returns the same ticket. */
  private _idemKey = '';
  /** The last ticket printed without a tap: each ticket prints once. */
  private _autoPrinted = '';
  private _idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.site = '';
    this.token = pageToken('kiosk');
    this.paper = urlParam('paper') === '80' ? '80' : '58';
    this.autoPrint = urlParam('print') === 'auto';
    this.idleSeconds = 20;
    this.refreshSeconds = 20;
    this._counters = null;
    this._waiting = {};
    this._full = loadFull();
    // Every citizen starts in Indonesian: an English choice does not outlive its ticket, nor a reload.
    if (!new URLSearchParams(globalThis.location?.search ?? '').get('lang')) this.locale = 'id';
    this._info = null;
    this._step = 'agency';
    this._agencyId = '';
    this._service = null;
    this._ticket = null;
    this._error = '';
    this._busy = false;
    this.addEventListener('pointerdown', () => this._armIdle());
    this.addEventListener('keydown', () => this._armIdle());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._idleTimer);
    clearInterval(this._refreshTimer);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('token') || changed.has('apiBase')) this._live.open();
    if (changed.has('refreshSeconds')) {
      clearInterval(this._refreshTimer);
      this._refreshTimer = setInterval(() => void this._refreshInfo(), Math.max(1, this.refreshSeconds) * 1000);
    }
    if ((changed.has('token') || changed.has('site')) && changed.get('token') !== undefined && this.token && !this._info) void this._load();
    if (changed.has('paper')) applyPrintPage(this.paper === '80' ? '80' : '58');
    super.updated(changed);
  }

  override render() {
    if (!this.token) {
      return html`<loket-login .locale=${this.locale} .apiBase=${this.apiBase} @loket-login=${this._onLogin}></loket-login>`;
    }
    return html`<header>
        <div>
          <h1>${t(this.locale, 'kiosk.title')}</h1>
          <div class="site">${this._info?.name ?? ''}</div>
        </div>
        <loket-lang-switch .locale=${this.locale} @loket-locale-change=${this._onLocale}></loket-lang-switch>
      </header>
      <main>${this._main()}</main>`;
  }

  private _main() {
    const info = this._info;
    if (this._step === 'error' || !info) {
      if (!this._error) return html`<p>${t(this.locale, 'common.loading')}</p>`;
      return html`<p class="message" role="alert" data-testid="kiosk-message">${t(this.locale, this._error)}</p>
        <div class="nav"><button class="secondary" @click=${this._onRestart}>${t(this.locale, 'kiosk.restart')}</button></div>`;
    }
    if (!info.openNow && this._step !== 'ticket') {
      return html`<p class="message" role="alert" data-testid="kiosk-message">${t(this.locale, 'kiosk.closed')}</p>
        ${this._hours(info)}`;
    }
    switch (this._step) {
      case 'agency':
        return html`<h2>${t(this.locale, 'kiosk.chooseAgency')}</h2>
          <div class="choices">
            ${info.agencies.map(
              (a) => html`<button data-agency=${a.id} @click=${() => this._onAgency(a.id)}>${this._name(a)}</button>`,
            )}
          </div>
          ${this._hours(info)}
          <div class="nav">
            <button class="booking" data-action="have-booking" @click=${() => this._go('checkin')}>
              ${t(this.locale, 'kiosk.haveBooking')} <small>${t(this.locale, 'kiosk.haveBookingHint')}</small>
            </button>
          </div>`;
      case 'checkin':
        return html`<h2>${t(this.locale, 'checkin.title')}</h2>
          <loket-kiosk-checkin
            .apiBase=${this.apiBase}
            .site=${this.site}
            .token=${this.token}
            .locale=${this.locale}
            .timeZone=${info.timezone}
            @loket-checked-in=${this._onCheckedIn}
            @loket-checkin-cancel=${this._onRestart}
          ></loket-kiosk-checkin>`;
      case 'service': {
        const agency = info.agencies.find((a) => a.id === this._agencyId);
        return html`<h2>${t(this.locale, 'kiosk.chooseService')}</h2>
          <div class="choices">
            ${(agency?.services ?? []).map((s) => this._serviceButton(s))}
          </div>
          ${this._nav(() => this._go('agency'))}`;
      }
      case 'warn': {
        const o = this._service ? this._outlook(this._service) : null;
        return html`<div class="warn" role="alert" data-testid="kiosk-warning">
            <h2>${t(this.locale, o?.noCounter ? 'kiosk.serviceClosed' : 'kiosk.lateTitle')}</h2>
            <p>${o?.noCounter
              ? t(this.locale, 'kiosk.noCounterBody')
              : t(this.locale, 'kiosk.lateBody', { eta: o?.etaMinutes ?? 0, close: info.closesAt ?? '' })}</p>
          </div>
          <div class="choices">
            <button data-action="take-anyway" @click=${() => this._go('priority')}>${t(this.locale, 'kiosk.takeAnyway')}</button>
          </div>
          ${this._nav(() => this._go('service'))}`;
      }
      case 'priority':
        return html`<h2>${t(this.locale, 'kiosk.choosePriority')}</h2>
          <div class="choices">
            <button data-priority="regular" ?disabled=${this._busy} @click=${() => this._onIssue(null)}>
              ${t(this.locale, 'kiosk.regular')}
            </button>
            ${REASONS.map(
              (r) => html`<button class="priority" data-priority=${r} ?disabled=${this._busy} @click=${() => this._onIssue(r)}>
                ${t(this.locale, `kiosk.priority.${r}`)}<small>${t(this.locale, 'kiosk.priorityTag')}</small>
              </button>`,
            )}
          </div>
          ${this._busy ? html`<p role="status">${t(this.locale, 'kiosk.issuing')}</p>` : nothing}
          ${this._nav(() => this._go('service'))}`;
      case 'ticket':
        return html`<div class="ticket-step"><loket-kiosk-ticket
            part="ticket"
            .ticket=${this._ticket}
            .locale=${this.locale}
            .siteName=${info.name}
            .agencyName=${this._name(info.agencies.find((a) => a.id === this._ticket?.agencyId))}
            .serviceName=${this._name(this._service)}
            .timeZone=${info.timezone}
            .statusUrl=${`${this.apiBase || globalThis.location.origin}/t/${this._ticket?.statusToken ?? ''}`}
          ></loket-kiosk-ticket>
          <div class="nav">
            <button class="secondary" data-action="print" @click=${this._onPrint}>${t(this.locale, 'kiosk.print')}</button>
            <button class="secondary" data-action="done" @click=${this._onRestart}>${t(this.locale, 'kiosk.done')}</button>
          </div></div>`;
    }
  }

  private _name(x: { name: string; nameEn?: string } | null | undefined): string {
    return (this.locale === 'en' && x?.nameEn) || x?.name || '';
  }

  private _outlook(s: ServiceInfo): ServiceOutlook {
    return serviceOutlook(s, this._counters, this._waiting, this._full.has(s.id), this._info?.minutesToClose);
  }

  private _serviceButton(s: ServiceInfo) {
    const o = this._outlook(s);
    const facts = o.full
      ? t(this.locale, 'kiosk.full')
      : o.noCounter
        ? `${t(this.locale, 'kiosk.waitingN', { n: o.waiting })} · ${t(this.locale, 'kiosk.serviceClosed')}`
        : o.etaMinutes === null
          ? t(this.locale, 'kiosk.waitingN', { n: o.waiting })
          : `${t(this.locale, 'kiosk.waitingN', { n: o.waiting })} · ${t(this.locale, 'kiosk.etaN', { n: o.etaMinutes })}`;
    return html`<button data-service=${s.id} data-full=${o.full ? 'true' : 'false'} data-no-counter=${o.noCounter ? 'true' : 'false'}
      ?disabled=${o.full} @click=${() => this._onService(s)}>
      ${this._name(s)}<small class="facts" data-testid="service-facts">${facts}</small>
    </button>`;
  }

  private _hours(info: SiteInfo) {
    const lines = hoursLines(info.hours, this.locale);
    if (!lines.length) return nothing;
    return html`<p class="hours" data-testid="kiosk-hours"><strong>${t(this.locale, 'kiosk.hours')}:</strong> ${lines.join(' · ')}</p>`;
  }

  private _onSnapshot(s: Snapshot): void {
    if (!this.site || s.site.id === this.site) this._info = s.site;
    this._counters = s.counters;
    this._waiting = { ...s.waiting };
  }

  private _onEvent(e: LoketEvent): void {
    // An administrator changed the site (a new service): show it without a reload.
    if (e.type === 'site.updated') return void this._load();
    if (e.type === 'counter.updated') {
      const list = this._counters ?? [];
      this._counters = list.some((c) => c.id === e.counter.id) ? list.map((c) => (c.id === e.counter.id ? e.counter : c)) : [...list, e.counter];
    } else this._waiting = { ...this._waiting, ...e.waiting };
  }

  /** Re-reads the site's open state and hours: the kiosk follows them without a reload. */
  private async _refreshInfo(): Promise<void> {
    if (!this.token || !this.site) return;
    try {
      this._info = await apiRequest<SiteInfo>(this.apiBase, 'GET', `/api/v1/sites/${encodeURIComponent(this.site)}/info`);
    } catch {
      /* keep the last state; the next tick tries again */
    }
  }

  private _nav(back: () => void) {
    return html`<div class="nav">
      <button class="secondary" data-action="back" @click=${back}>${t(this.locale, 'kiosk.back')}</button>
      <button class="secondary" data-action="restart" @click=${this._onRestart}>${t(this.locale, 'kiosk.restart')}</button>
    </div>`;
  }

  private async _load(): Promise<void> {
    if (!this.token) return;
    try {
      this.site = await resolveSiteId(this.apiBase, this.site);
      this._info = await apiRequest<SiteInfo>(this.apiBase, 'GET', `/api/v1/sites/${encodeURIComponent(this.site)}/info`);
    } catch (err) {
      this._fail(err instanceof ApiError && err.code === 'NETWORK' ? 'error.network' : 'error.noSite');
    }
  }

  private _go(step: Step): void {
    this._step = step;
    if (step === 'agency' || step === 'service') this._idemKey = '';
    this._armIdle();
  }

  private _armIdle(): void {
    clearTimeout(this._idleTimer);
    if (this._step === 'agency' && !this._error) return;
    this._idleTimer = setTimeout(() => this._onRestart(), this.idleSeconds * 1000);
  }

  private _fail(key: MessageKey): void {
    this._error = key;
    this._step = 'error';
    this._armIdle();
  }

  private _onAgency(agencyId: string): void {
    this._agencyId = agencyId;
    this._go('service');
  }

  private _onService(service: ServiceInfo): void {
    this._service = service;
    this._idemKey = globalThis.crypto.randomUUID();
    const o = this._outlook(service);
    // Say before issuing when nobody serves it now or the wait runs past closing time.
    this._go(o.noCounter || o.pastClosing ? 'warn' : 'priority');
  }

  private async _onIssue(reason: PriorityReason | null): Promise<void> {
    if (this._busy || !this._service) return;
    this._busy = true;
    const body = reason
      ? { serviceId: this._service.id, priority: 'priority', priorityReason: reason, channel: 'kiosk' }
      : { serviceId: this._service.id, priority: 'regular', channel: 'kiosk' };
    try {
      const res = await apiRequest<{ ticket: TicketDto }>(
        this.apiBase,
        'POST',
        `/api/v1/sites/${encodeURIComponent(this.site)}/tickets`,
        { token: this.token, body, headers: { 'Idempotency-Key': this._idemKey } },
      );
      this._ticket = res.ticket;
      this._idemKey = '';
      this._go('ticket');
      void this._printOnce(res.ticket.id);
      this.dispatchEvent(new CustomEvent<TicketIssuedDetail>('loket-ticket-issued', { detail: { ticket: res.ticket }, bubbles: true, composed: true }));
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      if (code === 'SITE_CLOSED') this._fail('kiosk.closed');
      else if (code === 'QUOTA_EXHAUSTED') {
        this._full = new Set([...this._full, this._service.id]);
        saveFull(this._full);
        this._fail('kiosk.quota');
      }
      else if (code === 'NETWORK') this._fail('error.network');
      else if (code === 'UNAUTHENTICATED') {
        saveToken('kiosk', '');
        this.token = '';
      } else this._fail('error.generic');
    } finally {
      this._busy = false;
    }
  }

  private _onCheckedIn(e: CustomEvent<CheckedInDetail>): void {
    const tk = e.detail.ticket;
    this._ticket = tk;
    this._service = this._info?.agencies.flatMap((a) => a.services).find((s) => s.id === tk.serviceId) ?? null;
    this._go('ticket');
    void this._printOnce(tk.id);
  }

  private _onPrint(): void {
    globalThis.print();
  }

  /** With `autoPrint`, prints ticket `id` once, when it is on screen with its QR code. */
  private async _printOnce(id: string): Promise<void> {
    if (!this.autoPrint || this._autoPrinted === id) return;
    this._autoPrinted = id;
    await this.updateComplete;
    await this.renderRoot.querySelector('loket-kiosk-ticket')?.whenPrintable();
    // The citizen may have left (done, idle reset) meanwhile: nothing else is printed.
    if (this._step === 'ticket' && this._ticket?.id === id) globalThis.print();
  }

  private _onRestart(): void {
    clearTimeout(this._idleTimer);
    this._step = 'agency';
    this._agencyId = '';
    this._service = null;
    this._ticket = null;
    this._error = '';
    this._idemKey = '';
    // The next citizen starts in Indonesian.
    if (this.locale !== 'id') {
      this.locale = 'id';
      storeLocale('id');
    }
    if (!this._info) void this._load();
  }

  private _onLogin(e: CustomEvent<LoginDetail>): void {
    saveToken('kiosk', e.detail.token);
    this.token = e.detail.token;
    void this._load();
  }
}

const FULL_KEY = 'loket.kiosk.full';

/** Services found full today, kept across a reload until the day changes. */
function loadFull(): Set<string> {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(FULL_KEY) ?? 'null') as { day: string; ids: string[] } | null;
    return new Set(raw && raw.day === new Date().toDateString() ? raw.ids : []);
  } catch {
    return new Set();
  }
}

function saveFull(ids: Set<string>): void {
  try {
    globalThis.localStorage?.setItem(FULL_KEY, JSON.stringify({ day: new Date().toDateString(), ids: [...ids] }));
  } catch {
    /* storage blocked: the kiosk learns it again from the next refusal */
  }
}

customElements.define('loket-kiosk', LoketKiosk);

declare global {
  interface HTMLElementTagNameMap {
    'loket-kiosk': LoketKiosk;
  }
}
