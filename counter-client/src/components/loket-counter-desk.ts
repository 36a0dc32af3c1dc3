import { LitElement, html } from 'lit';
import type { CounterDto, CounterStatus, LoketEvent, SessionUser, SiteInfo, Snapshot, TicketDto, TicketView } from '@loket/engine/protocol';
import { api, sitePath } from '../api.js';
import { applyToCounters, isHeld, withCounter } from '../counter-state.js';
import { DeskApi, type TicketAction } from '../desk-actions.js';
import { SHORTCUTS, commandOf, type DeskCommand } from '../desk-keys.js';
import { errorText } from '../error-text.js';
import { LangController, t } from '../i18n/i18n.js';
import { LiveController } from '../live-controller.js';
import { formatTiers } from '../tiers.js';
import { deskStyles } from './desk-styles.js';
import './loket-current-ticket.js';
import type { LoketTransferForm, TransferDetail } from './loket-transfer-form.js';
import './loket-transfer-form.js';
import './loket-waiting-list.js';
import { serviceNames } from './service-options.js';

const STATUSES: { status: CounterStatus; label: 'openCounter' | 'pauseCounter' | 'closeCounter' }[] = [
  { status: 'open', label: 'openCounter' },
  { status: 'paused', label: 'pauseCounter' },
  { status: 'closed', label: 'closeCounter' },
];

/**
 * The desk of one counter: open/pause/close, call next, act on the current
 * ticket, call a chosen waiting ticket; live over `/counter`.
 * @csspart call-next - the big call-next button
 */
export class LoketCounterDesk extends LitElement {
  static override styles = deskStyles;

  static override properties = {
    siteId: { type: String },
    token: { type: String },
    user: { attribute: false },
    _site: { state: true },
    _counters: { state: true },
    _counterId: { state: true },
    _waiting: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _notice: { state: true },
  };
  /** Site the desk works in. */
  declare siteId: string;
  /** Bearer token of the logged-in user. */
  declare token: string;
  /** The logged-in user (staff see only their counters). */
  declare user: SessionUser | null;
  declare private _site: SiteInfo | null;
  declare private _counters: CounterDto[];
  declare private _counterId: string;
  declare private _waiting: TicketDto[];
  /** Name of the request in flight; every action button is disabled meanwhile. */
  declare private _busy: string | null;
  declare private _error: string;
  declare private _notice: string;
  private readonly _lang = new LangController(this);
  private readonly _live = new LiveController(this, {
    namespace: '/counter',
    token: () => this.token || null,
    siteId: () => this.siteId || null,
    onSnapshot: (s) => this._onSnapshot(s),
    onEvent: (e) => this._onLiveEvent(e),
  });
  /** Calls this desk already released (ticket id to calledAt): late events must not bring them back. */
  private readonly _released = new Map<string, string | undefined>();
  private _refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private _refreshGen = 0;

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this.user = null;
    this._site = null;
    this._counters = [];
    this._counterId = '';
    this._waiting = [];
    this._busy = null;
    this._error = '';
    this._notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
    void this._load();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this._onKey);
    clearTimeout(this._refreshTimer);
    super.disconnectedCallback();
  }

  private get _api(): DeskApi {
    return new DeskApi(this.siteId, this.token);
  }

  private get _counter(): CounterDto | undefined {
    return this._counters.find((c) => c.id === this._counterId);
  }

  private get _current(): TicketView | null {
    return this._counter?.currentTicket ?? null;
  }

  /** Counters this user may pick: staff their own, supervisors all; plus `?counter=` if given. */
  private get _choices(): CounterDto[] {
    const own = this.user?.role === 'staff' ? new Set(this.user.counterIds) : null;
    const fromUrl = new URLSearchParams(location.search).get('counter');
    return this._counters.filter((c) => !own || own.has(c.id) || c.id === fromUrl);
  }

  override render() {
    const counter = this._counter;
    const cur = this._current;
    const busy = this._busy !== null;
    const names = serviceNames(this._site);
    return html`
      <p class="conn ${this._live.connected ? 'on' : 'off'}" role="status">${this._live.connected ? t('connected') : t('reconnecting')}</p>
      <div class="bar">
        <label>${t('chooseCounter')}
          <select id="counter" @change=${this._onCounter}>
            ${this._choices.map((c) => html`<option value=${c.id} ?selected=${c.id === this._counterId}>${t('counterN', { name: c.name })}</option>`)}
          </select>
        </label>
        <div class="statuses" role="group" aria-label=${t('status')}>
          ${STATUSES.map(
            (s) => html`<button data-status=${s.status} aria-pressed=${counter?.status === s.status ? 'true' : 'false'} ?disabled=${busy || !counter} @click=${() => this._onStatus(s.status)}>
              ${t(s.label)}
            </button>`,
          )}
        </div>
      </div>
      ${counter
        ? html`<p class="profile" data-status=${counter.status}>
            <strong>${t('counterN', { name: counter.name })}</strong> · ${t(`status_${counter.status}`)} · ${t('services')}:
            <span data-services>${formatTiers(counter.services)}</span>
          </p>`
        : html`<p>${this._choices.length === 0 && this._counters.length > 0 ? t('noCounters') : t('loading')}</p>`}
      <p class="error" role="alert" data-error>${this._error}</p>
      <p class="notice" aria-live="polite" data-notice>${this._notice}</p>
      <div class="grid">
        <div>
          <button id="call-next" class="primary call" part="call-next" ?disabled=${busy || !counter} @click=${this._onCallNext}>
            ${this._busy === 'callNext' ? t('calling') : t('callNext')}
          </button>
          <loket-current-ticket .ticket=${cur} .serviceName=${cur ? (names[cur.serviceId] ?? cur.serviceId) : ''}></loket-current-ticket>
          <div class="actions" role="group" aria-label=${t('currentTicket')}>
            ${this._actionButton('recall', 'recall', cur?.state === 'called')}
            ${this._actionButton('start', 'start', cur?.state === 'called')}
            ${this._actionButton('finish', 'finish', cur?.state === 'serving')}
            ${this._actionButton('no-show', 'noShow', cur?.state === 'called')}
            ${this._actionButton('requeue', 'requeue', cur?.state === 'called')}
          </div>
          <loket-transfer-form .site=${this._site} ?disabled=${busy || cur?.state !== 'serving'} @loket-transfer=${this._onTransfer}></loket-transfer-form>
        </div>
        <div>
          <loket-waiting-list .tickets=${this._waiting} .serviceNames=${names} ?disabled=${busy || !!cur} @loket-call-ticket=${this._onCallTicket}></loket-waiting-list>
          <section class="keys" aria-labelledby="keys-h">
            <h2 id="keys-h">${t('shortcuts')}</h2>
            <ul>${SHORTCUTS.map((s) => html`<li>${t(s.label)}</li>`)}</ul>
          </section>
        </div>
      </div>`;
  }

  private _actionButton(action: TicketAction, label: 'recall' | 'start' | 'finish' | 'noShow' | 'requeue', legal: boolean) {
    return html`<button data-action=${action} class=${action === 'no-show' ? 'danger' : ''} ?disabled=${this._busy !== null || !legal} @click=${() => this._onAct(action)}>
      ${t(label)}
    </button>`;
  }

  private async _load(): Promise<void> {
    try {
      const [site, { counters }] = await Promise.all([
        api<SiteInfo>(sitePath(this.siteId, '/info')),
        this._api.counters(),
      ]);
      this._site = site;
      this._counters = counters;
      const fromUrl = new URLSearchParams(location.search).get('counter');
      this._counterId = fromUrl ?? this._choices[0]?.id ?? '';
      this._refreshWaiting();
    } catch (err) {
      this._error = errorText(err);
    }
  }

  /** Runs one request at a time; shows its error in words. */
  private async _run(name: string, fn: () => Promise<void>): Promise<void> {
    if (this._busy !== null) return;
    this._busy = name;
    this._error = '';
    this._notice = '';
    try {
      await fn();
    } catch (err) {
      this._error = errorText(err);
    } finally {
      this._busy = null;
    }
  }

  /** Puts a ticket from an HTTP answer on this counter (or takes it off). */
  private _applyLocal(ticket: TicketDto, before: TicketView | null): void {
    if (isHeld(ticket)) this._released.delete(ticket.id);
    else if (before) this._released.set(ticket.id, before.calledAt);
    this._counters = this._counters.map((c) => {
      if (c.id === this._counterId) return { ...c, currentTicket: isHeld(ticket) ? ticket : null };
      if (c.currentTicket?.id === ticket.id) return { ...c, currentTicket: null };
      return c;
    });
  }

  private _onSnapshot(s: Snapshot): void {
    if (s.site) this._site = s.site;
    if (s.counters.length > 0) this._counters = s.counters;
    this._refreshWaiting();
  }

  private _onLiveEvent(e: LoketEvent): void {
    if (e.type === 'counter.updated') {
      this._counters = applyToCounters(this._counters, e);
      if (e.counter.id === this._counterId) {
        const c = e.counter;
        this._notice = t('counterUpdated', { name: c.name, status: t(`status_${c.status}`), services: formatTiers(c.services) });
        this._refreshWaiting();
      }
      return;
    }
    const tk = e.ticket;
    const late = isHeld(tk) && this._released.has(tk.id) && this._released.get(tk.id) === tk.calledAt;
    const cur = this._current;
    const behind = cur?.id === tk.id && cur.calledAt === tk.calledAt && cur.state === 'serving' && tk.state === 'called';
    if (!late && !behind) this._counters = applyToCounters(this._counters, e);
    const mine = new Set(this._counter?.services.flat() ?? []);
    if (mine.has(tk.serviceId) || (e.fromServiceId !== undefined && mine.has(e.fromServiceId))) this._scheduleRefresh();
  }

  private _scheduleRefresh(): void {
    clearTimeout(this._refreshTimer);
    this._refreshTimer = setTimeout(() => this._refreshWaiting(), 120);
  }

  /** Reloads the waiting tickets of this counter's services, tier by tier. */
  private _refreshWaiting(): void {
    const services = this._counter?.services.flat() ?? [];
    const gen = ++this._refreshGen;
    if (services.length === 0) {
      this._waiting = [];
      return;
    }
    Promise.all(services.map((id) => this._api.waiting(id)))
      .then((lists) => {
        if (gen === this._refreshGen) this._waiting = lists.flatMap((l) => l.tickets.filter((tk) => tk.state === 'waiting'));
      })
      .catch((err: unknown) => {
        if (gen === this._refreshGen) this._error = errorText(err);
      });
  }

  private _onCounter(e: Event): void {
    this._counterId = (e.target as HTMLSelectElement).value;
    this._released.clear();
    this._error = '';
    this._notice = '';
    this._refreshWaiting();
  }

  private _onStatus(status: CounterStatus): Promise<void> {
    return this._run('status', async () => {
      const { counter } = await this._api.patchCounter(this._counterId, { status });
      this._counters = withCounter(this._counters, counter);
    });
  }

  private _onCallNext(): Promise<void> {
    return this._run('callNext', async () => {
      const { ticket } = await this._api.callNext(this._counterId);
      if (!ticket) {
        this._error = t('err_nothingWaiting');
        return;
      }
      this._applyLocal(ticket, null);
      this._notice = t('calledTicket', { number: ticket.number, counter: this._counter?.name ?? this._counterId });
      this._scheduleRefresh();
    });
  }

  private _onCallTicket(e: CustomEvent<{ ticketId: string }>): Promise<void> {
    return this._run('callTicket', async () => {
      const { ticket } = await this._api.callTicket(this._counterId, e.detail.ticketId);
      this._applyLocal(ticket, null);
      this._notice = t('calledTicket', { number: ticket.number, counter: this._counter?.name ?? this._counterId });
      this._scheduleRefresh();
    });
  }

  private _onAct(action: TicketAction): Promise<void> {
    const cur = this._current;
    if (!cur) return Promise.resolve();
    return this._run(action, async () => {
      const { ticket } = await this._api.act(cur.id, action);
      this._applyLocal(ticket, cur);
      if (action === 'requeue') this._scheduleRefresh();
    });
  }

  private _onTransfer(e: CustomEvent<TransferDetail>): Promise<void> {
    const cur = this._current;
    if (!cur) return Promise.resolve();
    return this._run('transfer', async () => {
      const { ticket } = await this._api.transfer(cur.id, e.detail.serviceId, e.detail.position);
      this._applyLocal(ticket, cur);
      this._notice = t('transferred', { number: ticket.number, service: serviceNames(this._site)[ticket.serviceId] ?? ticket.serviceId });
    });
  }

  private readonly _onKey = (e: KeyboardEvent): void => {
    const cmd: DeskCommand | null = commandOf(e);
    if (!cmd) return;
    e.preventDefault();
    const cur = this._current;
    if (cmd === 'callNext') void this._onCallNext();
    else if (cmd === 'transfer') this.renderRoot.querySelector<LoketTransferForm>('loket-transfer-form')?.focus();
    else if (cmd === 'finish' && cur?.state === 'serving') void this._onAct('finish');
    else if (cmd === 'start' && cur?.state === 'called') void this._onAct('start');
    else if (cmd === 'recall' && cur?.state === 'called') void this._onAct('recall');
    else if (cmd === 'noShow' && cur?.state === 'called') void this._onAct('no-show');
    else if (cmd === 'requeue' && cur?.state === 'called') void this._onAct('requeue');
  };
}
customElements.define('loket-counter-desk', LoketCounterDesk);

declare global {
  interface HTMLElementTagNameMap {
    'loket-counter-desk': LoketCounterDesk;
  }
}
