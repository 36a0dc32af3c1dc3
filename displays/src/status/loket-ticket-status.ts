import { html, nothing } from 'lit';
import type { CounterDto, LoketEvent, PublicTicketStatus, SiteInfo, Snapshot } from '@loket/engine/protocol';
import { t, type MessageKey } from '../i18n/messages.js';
import { ApiError, apiRequest } from '../net/api.js';
import { LiveController } from '@loket/web-common/live';
import { pathId } from '../net/page-config.js';
import { playChime, warmUpAudio } from '../shared/chime.js';
import '@loket/web-common/loket-lang-switch';
import { LocalizedPage } from '../shared/localized-page.js';
import './loket-ikm-survey.js';
import { statusStyles } from './status-styles.js';

/** At most one position refresh per this many ms when other tickets move. */
const REFRESH_THROTTLE_MS = 2000;

/**
 * A citizen's live view of one ticket at `/t/<statusToken>`: number, state,
 * people ahead, estimated wait; a loud "your number is called" with sound and
 * vibration; the IKM survey once the ticket is done.
 *
 * @fires loket-called - `{ counter }` when the ticket is called or recalled.
 * @csspart number - the ticket number.
 */
export class LoketTicketStatus extends LocalizedPage {
  static override styles = statusStyles;

  static override properties = {
    statusToken: { type: String, attribute: 'status-token' },
    _status: { state: true },
    _missing: { state: true },
    _counters: { state: true },
    _alertsOn: { state: true },
  };

  /** The ticket's status token; empty = from the path `/t/<token>` or `?t=`. */
  declare statusToken: string;

  declare private _status: PublicTicketStatus | null;
  declare private _missing: boolean;
  declare private _counters: CounterDto[] | null;
  /** The citizen tapped to allow sound and vibration (browsers block both before a gesture). */
  declare private _alertsOn: boolean;
  private _site: SiteInfo | null = null;
  private _refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private _lastRefresh = 0;
  /** Bumped by every refresh and live event; an answer from an older epoch is dropped. */
  private _epoch = 0;
  private readonly _live = new LiveController(this, {
    namespace: '/public',
    origin: () => this.apiBase,
    token: () => this.statusToken,
    onSnapshot: (s) => this._onSnapshot(s),
    onEvent: (e) => this._onEvent(e),
  });

  constructor() {
    super();
    this.statusToken = pathId('t', 't', '');
    this._status = null;
    this._missing = false;
    this._counters = null;
    this._alertsOn = globalThis.navigator?.userActivation?.hasBeenActive ?? false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._refreshTimer);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('statusToken') && changed.get('statusToken') !== undefined) {
      this._live.open();
      void this._refresh();
    }
    super.updated(changed);
  }

  override render() {
    return html`<header>
        <h1>${t(this.locale, 'status.title')}</h1>
        <loket-lang-switch .locale=${this.locale} @loket-locale-change=${this._onLocale}></loket-lang-switch>
      </header>
      <main>${this._main()}</main>`;
  }

  private _main() {
    if (this._missing) return html`<p class="card" role="alert">${t(this.locale, 'status.notFound')}</p>`;
    const s = this._status;
    if (!s) return html`<p class="card">${t(this.locale, 'common.loading')}</p>`;
    // No line break inside "Loket 5" on a narrow phone.
    const counter = (s.counter?.name ?? '').replace(/ /g, '\u00a0');
    const waiting = s.state === 'waiting';
    const noCounter = waiting && this._noCounterServing(s);
    // The survey's question and its buttons need the screen: the ticket card shrinks meanwhile.
    const surveyOpen = s.state === 'done' && s.feedbackOpen;
    return html`${this._live.state === 'reconnecting' ? html`<p class="conn" role="status">${t(this.locale, 'conn.reconnecting')}</p>` : nothing}
      ${waiting && !this._alertsOn
        ? html`<button class="alerts" data-testid="enable-alerts" @click=${this._onEnableAlerts}>${t(this.locale, 'status.alertsAsk')}</button>`
        : nothing}
      ${s.state === 'called'
        ? html`<div class="called" role="alert" data-testid="called">${t(this.locale, 'status.called', { counter })}</div>`
        : nothing}
      ${s.state === 'serving'
        ? html`<div class="serving" role="status">${t(this.locale, 'status.serving', { counter })}</div>`
        : nothing}
      <section class=${surveyOpen ? 'card compact' : 'card'}>
        ${surveyOpen
          ? nothing
          : html`<div class="muted">${s.agencyName}</div>
              <div class="muted">${t(this.locale, 'ticket.number')}</div>`}
        <div class="head">
          <div class="num" part="number" data-testid="number">${s.number}</div>
          <span class="state" data-testid="state" data-state=${s.state}>${t(this.locale, `status.state.${s.state}` as MessageKey)}</span>
        </div>
        <dl>
          <dt>${t(this.locale, 'ticket.service')}</dt>
          <dd>${this._serviceName(s)}</dd>
          ${waiting
            ? html`<dt>${t(this.locale, 'ticket.ahead')}</dt>
                <dd data-testid="ahead">${s.position === 0 ? t(this.locale, 'status.next') : t(this.locale, 'common.people', { n: s.position ?? 0 })}</dd>
                <dt>${t(this.locale, 'ticket.eta')}</dt>
                <dd data-testid="eta">${noCounter ? '–' : t(this.locale, 'common.minutes', { n: s.estimatedWaitMinutes ?? 0 })}</dd>`
            : nothing}
        </dl>
        ${noCounter ? html`<p class="note" role="status" data-testid="no-counter">${t(this.locale, 'status.noCounter')}</p>` : nothing}
      </section>
      ${s.state === 'no_show' || s.state === 'cancelled'
        ? html`<p class="card next-step" data-testid="next-step">${t(this.locale, s.state === 'no_show' ? 'status.noShowNext' : 'status.cancelledNext')}</p>`
        : nothing}
      ${s.state === 'done' && s.feedbackOpen
        ? html`<section class="card"><loket-ikm-survey .statusToken=${this.statusToken} .apiBase=${this.apiBase} .locale=${this.locale}
            @loket-feedback-sent=${() => (this._status = this._status && { ...this._status, feedbackOpen: false })}></loket-ikm-survey></section>`
        : nothing}
      ${s.state === 'done' && !s.feedbackOpen
        ? html`<p class="card thanks" role="status" data-testid="ikm-done">${t(this.locale, 'ikm.thanks')}</p>`
        : nothing}`;
  }

  private _serviceName(s: PublicTicketStatus): string {
    if (this.locale !== 'en') return s.serviceName;
    const sv = this._site?.agencies.flatMap((a) => a.services).find((x) => x.id === s.serviceId);
    return sv?.nameEn ?? s.serviceName;
  }

  /** No open counter calls this ticket's service now (the engine's flag when it sends one, else the live counters). */
  private _noCounterServing(s: PublicTicketStatus & { noCounterServing?: boolean }): boolean {
    if (typeof s.noCounterServing === 'boolean') return s.noCounterServing;
    if (!this._counters) return false;
    return !this._counters.some((c) => c.status === 'open' && c.services.some((tier) => tier.includes(s.serviceId)));
  }

  private _onEnableAlerts(): void {
    this._alertsOn = true;
    warmUpAudio();
    void playChime();
    try {
      globalThis.navigator.vibrate?.(80);
    } catch {
      /* no vibration on this device */
    }
  }

  private async _refresh(): Promise<void> {
    if (!this.statusToken) {
      this._missing = true;
      return;
    }
    this._lastRefresh = Date.now();
    const epoch = ++this._epoch;
    try {
      const s = await apiRequest<PublicTicketStatus>(this.apiBase, 'GET', `/api/v1/public/tickets/${encodeURIComponent(this.statusToken)}`);
      // A newer refresh or a live event came in meanwhile: this answer may be stale.
      if (epoch === this._epoch) this._setStatus(s, false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) this._missing = true;
    }
  }

  /** Refreshes at most once per REFRESH_THROTTLE_MS, trailing. */
  private _refreshSoon(): void {
    if (this._refreshTimer) return;
    const wait = Math.max(0, this._lastRefresh + REFRESH_THROTTLE_MS - Date.now());
    this._refreshTimer = setTimeout(() => {
      this._refreshTimer = undefined;
      void this._refresh();
    }, wait);
  }

  private _setStatus(next: PublicTicketStatus, recalled: boolean): void {
    const before = this._status;
    this._status = next;
    if (next.state === 'called' && (before?.state !== 'called' || recalled)) this._alert(next.counter?.name ?? '');
  }

  private _alert(counter: string): void {
    void playChime();
    try {
      globalThis.navigator.vibrate?.([400, 150, 400, 150, 400]);
    } catch {
      /* vibration not allowed here: the banner and chime remain */
    }
    this.dispatchEvent(new CustomEvent('loket-called', { detail: { counter }, bubbles: true, composed: true }));
  }

  private _onSnapshot(s: Snapshot): void {
    this._site = s.site;
    if (s.counters.length) this._counters = s.counters;
    if (s.ticket) this._setStatus(s.ticket, false);
  }

  private _onEvent(e: LoketEvent): void {
    const s = this._status;
    if (e.type === 'counter.updated' && this._counters) {
      const c = e.counter;
      this._counters = this._counters.some((x) => x.id === c.id) ? this._counters.map((x) => (x.id === c.id ? c : x)) : [...this._counters, c];
    }
    if (e.type === 'counter.updated' || e.type === 'site.updated' || !s || e.ticket.id !== s.id) {
      this._refreshSoon();
      return;
    }
    this._epoch++;
    const counterId = e.counterId ?? e.ticket.counterId;
    const name = counterId ? (this._site?.counters.find((c) => c.id === counterId)?.name ?? `Loket ${counterId}`) : '';
    const holds = e.ticket.state === 'called' || e.ticket.state === 'serving';
    this._setStatus(
      {
        ...s,
        state: e.ticket.state,
        calledAt: e.ticket.calledAt ?? s.calledAt,
        counter: holds && counterId ? { id: counterId, name } : null,
        feedbackOpen: e.ticket.state === 'done' ? true : s.feedbackOpen,
      },
      e.type === 'ticket.recalled',
    );
    void this._refresh();
  }
}

customElements.define('loket-ticket-status', LoketTicketStatus);

declare global {
  interface HTMLElementTagNameMap {
    'loket-ticket-status': LoketTicketStatus;
  }
}
