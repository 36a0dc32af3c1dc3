import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { CallView, LoketEvent, Snapshot, SiteInfo } from '@loket/engine/protocol';
import { t } from '../i18n/messages.js';
import { LiveController } from '@loket/web-common/live';
import { apiRequest } from '../net/api.js';
import { pageToken, pathId, saveToken } from '../net/page-config.js';
import { ClockController } from '@loket/web-common/clock-controller';
import '../shared/loket-login.js';
import type { LoginDetail } from '../shared/loket-login.js';
import { LocalizedPage } from '../shared/localized-page.js';
import { announcementText } from './announce-text.js';
import { Announcer, type VoiceState } from './announcer.js';
import {
  applyEvent,
  displayAgencies,
  isShown,
  lastCallPerCounter,
  stateFromSnapshot,
  waitingPerAgency,
  type LobbyState,
} from './lobby-state.js';
import { lobbyStyles } from './lobby-styles.js';

/** Detail of `loket-announce`. */
export interface AnnounceDetail {
  text: string;
  /** False when no Indonesian voice exists: the call was only chimed and shown. */
  spoken: boolean;
}

/** Calls older than this (replayed after a long outage) are shown but not announced. */
const ANNOUNCE_MAX_AGE_MS = 2 * 60_000;
const RECENT_ROWS = 7;
/** A TV nobody touches: its labels alternate between Indonesian and English this often. */
const ALTERNATE_SECONDS = 15;

/**
 * Lobby screen: the current call large, the last call of each counter,
 * waiting counts per agency, a clock and a running text; announces each call
 * and recall with a chime and Indonesian speech.
 *
 * Without attributes it configures itself from the page: display id from
 * `/display/<id>`, site from `?site=` (or the first site), token from
 * `?token=` (or a stored one, or a sign-in form).
 *
 * @fires loket-announce - `{ text, spoken }` when a call is announced.
 * @csspart number - the current ticket number.
 */
export class LoketLobbyDisplay extends LocalizedPage {
  static override styles = lobbyStyles;

  static override properties = {
    displayId: { type: String, attribute: 'display-id' },
    token: { type: String },
    runningText: { type: String, attribute: 'running-text' },
    alternateSeconds: { type: Number, attribute: 'alternate-seconds' },
    _state: { state: true },
    _announcing: { state: true },
    _voice: { state: true },
    _flashKey: { state: true },
  };

  /** Id of the site's `displays` entry choosing the agencies shown; `all` shows every agency. */
  declare displayId: string;
  /** Display device token (e.g. `demo-display-token`). */
  declare token: string;
  /** Running text line; empty = the display's own (set in /admin), else the default welcome text. */
  declare runningText: string;
  /** Seconds between switching the labels' language (Indonesian, English); 0 = never. */
  declare alternateSeconds: number;
  /** Every text handed to speech synthesis, oldest first (for tests and diagnostics). */
  readonly spokenLog: string[] = [];

  declare private _state: LobbyState | null;
  declare private _voice: VoiceState;
  declare private _flashKey: string;
  /** The call the voice is announcing now (the large panel shows it), or null when the voice is idle. */
  declare private _announcing: CallView | null;
  /** Calls waiting for their announcement, oldest first. */
  private _pending: CallView[] = [];
  private _alternateTimer: ReturnType<typeof setInterval> | undefined;
  private readonly _clock = new ClockController(this);
  private _announcer: Announcer | null = null;
  private readonly _live = new LiveController(this, {
    namespace: '/display',
    origin: () => this.apiBase,
    token: () => this.token,
    onSnapshot: (s) => this._onSnapshot(s),
    onEvent: (e) => this._onEvent(e),
  });

  constructor() {
    super();
    this.displayId = pathId('display', 'display', 'all');
    this.token = pageToken('display');
    this.runningText = '';
    this.alternateSeconds = ALTERNATE_SECONDS;
    this._announcing = null;
    this._state = null;
    this._voice = 'unknown';
    this._flashKey = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._announcer = new Announcer({
      onVoiceState: (v) => (this._voice = v),
      onAnnounce: (text, spoken) => this._onAnnounce(text, spoken),
      onIdle: () => (this._announcing = null),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._announcer?.dispose();
    this._announcer = null;
    clearInterval(this._alternateTimer);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('token') || changed.has('apiBase')) this._live.open();
    if (changed.has('alternateSeconds')) {
      clearInterval(this._alternateTimer);
      if (this.alternateSeconds > 0) {
        this._alternateTimer = setInterval(() => (this.locale = this.locale === 'id' ? 'en' : 'id'), this.alternateSeconds * 1000);
      }
    }
    super.updated(changed);
  }

  override render() {
    if (!this.token || this._live.state === 'refused') {
      return html`<div class="refused">
        ${this._live.state === 'refused'
          ? html`<div class="refused-box" role="alert" data-testid="bad-token">
              <h1>${t(this.locale, 'conn.authFailed')}</h1>
              <p>${t(this.locale, 'lobby.badTokenHelp')}</p>
            </div>`
          : nothing}
        <loket-login .locale=${this.locale} .apiBase=${this.apiBase} @loket-login=${this._onLogin}></loket-login>
      </div>`;
    }
    const s = this._state;
    const [site, screen] = s ? this._title(s) : [t(this.locale, 'lobby.title'), ''];
    return html`<div class="screen">
      <header>
        <h1 class="site" data-testid="title">${site}${screen ? html`<small>${screen}</small>` : nothing}</h1>
        <span class="clock">${s ? this._clockText(s.site.timezone) : ''}</span>
        <span class="status" role="status">${this._statusPills()}</span>
      </header>
      ${s ? this._body(s) : html`<div class="message">${t(this.locale, 'common.loading')}</div>`}
    </div>`;
  }

  private _body(s: LobbyState) {
    const filter = displayAgencies(s.site, this.displayId);
    const current = this._currentCall(s, filter);
    const recent = lastCallPerCounter(s.calls, filter, RECENT_ROWS);
    const en = this.locale === 'en';
    const serviceName = (id: string) => {
      const sv = s.site.agencies.flatMap((a) => a.services).find((x) => x.id === id);
      return (en && sv?.nameEn) || sv?.name || '';
    };
    return html`<section class="current" aria-live="polite">
        ${current
          ? keyed(
              this._callKey(current),
              html`<div class=${this._flashKey === this._callKey(current) ? 'flash' : ''}>
                <div class="label">${t(this.locale, 'lobby.nowCalling')}</div>
                <span class="number" part="number" data-testid="current-number">${current.number}</span>
                <div class="label">${t(this.locale, 'lobby.goTo')}</div>
                <div class="to" data-testid="current-counter">${current.counterName}</div>
                <div class="service">${serviceName(current.serviceId)}</div>
                ${current.priority === 'appointment'
                  ? html`<div class="tag" data-testid="current-appointment">${t(this.locale, 'lobby.appointment')}</div>`
                  : nothing}
              </div>`,
            )
          : html`<div class="label">${t(this.locale, 'lobby.noCalls')}</div>`}
      </section>
      <section class="recent">
        <h2>${t(this.locale, 'lobby.lastCalls')}</h2>
        <table>
          <thead>
            <tr><th scope="col">${t(this.locale, 'lobby.counter')}</th><th scope="col">${t(this.locale, 'lobby.number')}</th></tr>
          </thead>
          <tbody>
            ${recent.map((c) => html`<tr data-counter=${c.counterId}><td>${c.counterName}</td><td class="num">${c.number}${c.priority === 'appointment' ? html` <span class="tag small" title=${t(this.locale, 'lobby.appointment')}>${t(this.locale, 'lobby.appointmentShort')}</span>` : nothing}</td></tr>`)}
          </tbody>
        </table>
      </section>
      <section class="waiting" aria-label=${t(this.locale, 'lobby.waiting')}>
        <h2>${t(this.locale, 'lobby.waiting')}</h2>
        ${waitingPerAgency(s.site, s.waiting, filter, en).map(
          (a) => html`<span class="chip" data-agency=${a.agencyId} title=${a.fullName}><span class="name">${a.name}</span> <b>${a.waiting}</b></span>`,
        )}
      </section>
      <div class="ticker"><span>${this.runningText || s.site.displays.find((x) => x.id === this.displayId)?.runningText || t(this.locale, 'lobby.runningText', { site: s.site.name })}</span></div>`;
  }

  /** The site's name and the screen's name (second line). */
  private _title(s: LobbyState): [string, string] {
    const d = s.site.displays.find((x) => x.id === this.displayId);
    return [s.site.name, d?.name ?? ''];
  }

  /**
   * The large panel: the call the voice is announcing (in step with it), else the next one
   * queued for announcement, else the newest standing call.
   */
  private _currentCall(s: LobbyState, filter: Set<string> | null): CallView | undefined {
    const stands = (c: CallView) => s.calls.some((x) => x.ticketId === c.ticketId);
    if (this._announcing && stands(this._announcing)) return this._announcing;
    const queued = this._pending.find(stands);
    if (queued) return queued;
    return s.calls.find((c) => isShown(filter, c.agencyId));
  }

  private _clockText(timeZone: string): string {
    const fmt = new Intl.DateTimeFormat(this.locale === 'id' ? 'id-ID' : 'en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    });
    return fmt.format(this._clock.now);
  }

  private _statusPills() {
    const conn = this._live.state;
    const connPill =
      conn === 'live'
        ? html`<span class="pill" data-conn="live">${t(this.locale, 'conn.live')}</span>`
        : html`<span class="pill warn" data-conn=${conn}>${t(this.locale, conn === 'reconnecting' ? 'conn.reconnecting' : 'conn.connecting')}</span>`;
    const voice =
      this._voice === 'unavailable'
        ? html`<span class="pill note" data-voice="unavailable">${t(this.locale, 'voice.unavailable')}</span>`
        : nothing;
    return html`${connPill}${voice}`;
  }

  private _callKey(c: CallView): string {
    return `${c.ticketId}:${c.recallCount}:${c.at}`;
  }

  private _onSnapshot(s: Snapshot): void {
    this._state = stateFromSnapshot(s);
  }

  private _onEvent(e: LoketEvent): void {
    if (!this._state) return;
    if (e.type === 'site.updated') void this._refreshSite(this._state.site.id);
    const { state, call } = applyEvent(this._state, e);
    this._state = state;
    if (!call || !isShown(displayAgencies(state.site, this.displayId), call.agencyId)) return;
    const age = Date.now() - Date.parse(call.at);
    if (age > ANNOUNCE_MAX_AGE_MS || !this._announcer) {
      if (!this._announcing) this._flashKey = this._callKey(call);
      return;
    }
    this._pending.push(call);
    this._announcer.enqueue(announcementText(call.number, call.counterName), () => {
      this._pending = this._pending.filter((c) => c !== call);
      this._announcing = call;
      this._flashKey = this._callKey(call);
    });
  }

  /** An administrator changed the site (agencies, services, counters): show it without a reload. */
  private async _refreshSite(siteId: string): Promise<void> {
    try {
      const site = await apiRequest<SiteInfo>(this.apiBase, 'GET', `/api/v1/sites/${encodeURIComponent(siteId)}/info`);
      if (this._state) this._state = { ...this._state, site };
    } catch {
      /* the next snapshot brings it */
    }
  }

  private _onAnnounce(text: string, spoken: boolean): void {
    if (spoken) this.spokenLog.push(text);
    this.dispatchEvent(new CustomEvent<AnnounceDetail>('loket-announce', { detail: { text, spoken }, bubbles: true, composed: true }));
  }

  private _onLogin(e: CustomEvent<LoginDetail>): void {
    saveToken('display', e.detail.token);
    this.token = e.detail.token;
  }
}

customElements.define('loket-lobby-display', LoketLobbyDisplay);

declare global {
  interface HTMLElementTagNameMap {
    'loket-lobby-display': LoketLobbyDisplay;
  }
}
