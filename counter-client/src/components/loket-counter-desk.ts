import { html } from 'lit';
import { canAct, type CounterDto, type CounterStatus, type LoketEvent, type Snapshot, type TicketView } from '@loket/engine/protocol';
import { applyToCounters, deskChoices, isHeld, withCounter } from '../counter-state.js';
import type { Answer, TicketAction } from '../desk-actions.js';

/** The events a page handles itself (`site.updated` is the base page's). */
type LiveEvent = Exclude<LoketEvent, { type: 'site.updated' }>;
import { COMMAND_ACTION, SHORTCUTS, commandOf, type DeskCommand } from '../desk-keys.js';
import { errorText } from '../error-text.js';
import { t } from '../i18n/i18n.js';
import { connectionText } from '../connection-text.js';
import { rememberCounter, rememberedCounter } from '../session.js';
import { WaitingController } from '../waiting-controller.js';
import { deskStyles } from './desk-styles.js';
import { LiveSitePage } from './live-site-page.js';
import './loket-bookings-list.js';
import './loket-current-ticket.js';
import type { DeskCheckinResult } from './loket-desk-checkin.js';
import './loket-desk-checkin.js';
import type { LoketTransferForm, TransferDetail } from './loket-transfer-form.js';
import './loket-transfer-form.js';
import './loket-status-buttons.js';
import './loket-ticket-actions.js';
import { legalActions } from '../ticket-buttons.js';
import './loket-waiting-list.js';
import { formatTierNames, serviceNames } from './service-options.js';
import { formatTiers } from '../tiers.js';

/**
 * The desk of one counter: open/pause/close, call next, act on the current
 * ticket, call a chosen waiting ticket, check a booking in by its code; live over `/counter`.
 * @csspart call-next - the big call-next button
 */
export class LoketCounterDesk extends LiveSitePage {
  static override styles = deskStyles;

  static override properties = {
    _counterId: { state: true },
    _askCounter: { state: true },
    _now: { state: true },
  };
  declare private _counterId: string;
  /** A clerk with several counters and none remembered on this device is asked once. */
  declare private _askCounter: boolean;
  /** Ticks each second while a called ticket waits for its citizen (the no-show countdown). */
  declare private _now: number;
  private _tick: ReturnType<typeof setInterval> | undefined;
  private readonly _queue = new WaitingController(
    this,
    () => ({ api: this._api, services: this._counter?.services.flat() ?? [] }),
    (err) => (this._error = errorText(err)),
  );

  constructor() {
    super('/counter');
    this._counterId = '';
    this._askCounter = false;
    this._now = Date.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this._onKey);
    clearInterval(this._tick);
    this._tick = undefined;
    super.disconnectedCallback();
  }

  /** The clock of the no-show countdown runs only while the held ticket is called (not yet started). */
  override willUpdate(): void {
    const wanted = this._current?.state === 'called' && this._noShowDeadline() !== null;
    if (wanted && this._tick === undefined) {
      this._now = Date.now();
      this._tick = setInterval(() => (this._now = Date.now()), 1000);
    } else if (!wanted && this._tick !== undefined) {
      clearInterval(this._tick);
      this._tick = undefined;
    }
  }

  /** When the engine marks the called ticket a no-show (epoch ms), or null when the site sets no timer. */
  private _noShowDeadline(): number | null {
    const cur = this._current;
    const minutes = this._site?.noShowMinutes;
    if (!cur || cur.state !== 'called' || !cur.calledAt || !minutes) return null;
    return Date.parse(cur.calledAt) + minutes * 60_000;
  }

  /** The warning of the last minute before the no-show timer fires. */
  private _renderNoShowWarning() {
    const deadline = this._noShowDeadline();
    const cur = this._current;
    if (deadline === null || !cur) return null;
    const seconds = Math.max(0, Math.ceil((deadline - this._now) / 1000));
    if (seconds > 60) return null;
    return html`<p class="warn" role="alert" data-no-show-warning=${seconds}>${t('noShowSoon', { number: cur.number, seconds })}</p>`;
  }

  private get _counter(): CounterDto | undefined {
    return this._counters.find((c) => c.id === this._counterId);
  }

  private get _current(): TicketView | null {
    return this._counter?.currentTicket ?? null;
  }

  private get _choices(): CounterDto[] {
    return deskChoices(this._counters, this.user, new URLSearchParams(location.search).get('counter'));
  }

  /** The one next step for the held ticket: call, then start, then finish and call the next citizen. */
  private get _primary(): 'callNext' | 'start' | 'finishAndNext' {
    const state = this._current?.state;
    return state === 'called' ? 'start' : state === 'serving' ? 'finishAndNext' : 'callNext';
  }

  private _onPrimary(): Promise<void> {
    const p = this._primary;
    if (p === 'start') return this._onAct('start');
    if (p === 'finishAndNext') return this._onFinishAndCallNext();
    return this._onCallNext();
  }

  private _onFinishAndCallNext(): Promise<void> {
    return this._run('callNext', async () => {
      const { ticket, finished, seq } = await this._api.finishAndCallNext(this._counterId);
      if (finished) this._applyLocal({ ticket: finished, seq });
      if (!ticket) {
        this._notice = t('err_nothingWaiting');
        return;
      }
      this._applyLocal({ ticket, seq });
      this._notice = t('calledTicket', { number: ticket.number, counter: this._counter?.name ?? this._counterId });
      this._queue.schedule();
    });
  }

  override render() {
    const counter = this._counter;
    const cur = this._current;
    const busy = this._busy !== null;
    const names = serviceNames(this._site);
    if (this._askCounter) return this._renderAskCounter();
    return html`
      <div class="bar">
        <label>${t('chooseCounter')}
          <select id="counter" @change=${this._onCounter}>
            ${this._choices.map((c) => html`<option value=${c.id} ?selected=${c.id === this._counterId}>${c.name}</option>`)}
          </select>
        </label>
        <loket-status-buttons .status=${counter?.status ?? ''} ?disabled=${busy} @loket-status=${this._onStatus}></loket-status-buttons>
        <loket-desk-checkin class="checkin" .siteId=${this.siteId} .token=${this.token} .timeZone=${this._site?.timezone ?? 'Asia/Jakarta'}
          @loket-checkin-result=${this._onCheckinResult}></loket-desk-checkin>
        <p class="conn ${this._live.connected ? 'on' : 'off'}" role="status">${connectionText(this._live)}</p>
      </div>
      ${counter
        ? html`<p class="profile" data-status=${counter.status}>
            <strong>${counter.name}</strong> · ${t(`status_${counter.status}`)} · ${t('services')}:
            <span data-services=${formatTiers(counter.services)}>${formatTierNames(counter.services, names)}</span>
          </p>`
        : html`<p>${this._choices.length === 0 && this._counters.length > 0 ? t('noCounters') : t('loading')}</p>`}
      ${this._renderLines()}
      <div class="grid">
        <div>
          <button id="call-next" class="primary call" part="call-next" data-primary=${this._primary}
            ?disabled=${busy || !counter} @click=${this._onPrimary}>
            ${this._busy === 'callNext' ? t('calling') : t(this._primary)}
          </button>
          <loket-current-ticket .ticket=${cur} .serviceName=${cur ? (names[cur.serviceId] ?? cur.serviceId) : ''}></loket-current-ticket>
          ${this._renderNoShowWarning()}
          <loket-ticket-actions .ticket=${cur} ?disabled=${busy} @loket-ticket-action=${this._onAction}></loket-ticket-actions>
        </div>
        <div>
          <loket-transfer-form .site=${this._site} ?disabled=${busy || !cur || !canAct('transfer', cur.state)} @loket-transfer=${this._onTransfer}></loket-transfer-form>
          <loket-waiting-list .tickets=${this._queue.tickets} .serviceNames=${names} ?disabled=${busy || !!cur} @loket-call-ticket=${this._onCallTicket}></loket-waiting-list>
          <details class="fold" data-section="keys">
            <summary>${t('shortcuts')}</summary>
            <section class="keys" aria-label=${t('shortcuts')}>
              <ul>${SHORTCUTS.map((s) => html`<li>${t(s.label)}</li>`)}</ul>
            </section>
          </details>
          <details class="fold" data-section="bookings">
            <summary>${t('bookingsToday')}</summary>
            <loket-bookings-list .siteId=${this.siteId} .token=${this.token} .serviceNames=${names}></loket-bookings-list>
          </details>
        </div>
      </div>`;
  }

  /** Asks a clerk with several counters where they sit; asked once per user and device. */
  private _renderAskCounter() {
    return html`<p class="conn ${this._live.connected ? 'on' : 'off'}" role="status">${connectionText(this._live)}</p>
      <section class="ask" aria-labelledby="ask-h" data-ask-counter>
        <h2 id="ask-h">${t('askCounter')}</h2>
        <div class="choices">
          ${this._choices.map((c) => html`<button data-counter-id=${c.id} @click=${() => this._pickCounter(c.id)}>${c.name}</button>`)}
        </div>
      </section>`;
  }

  private _pickCounter(counterId: string): void {
    this._counterId = counterId;
    this._askCounter = false;
    if (this.user) rememberCounter(this.user.username, counterId);
    this._error = '';
    this._notice = '';
    this._queue.refresh();
  }

  /**
   * Picks the counter: from the URL, else the one this user worked at last on this
   * device; a clerk with several counters and none remembered is asked once.
   */
  protected override _loaded(): void {
    const fromUrl = new URLSearchParams(location.search).get('counter');
    const remembered = this.user ? rememberedCounter(this.user.username) : null;
    const known = this._choices.find((c) => c.id === (fromUrl ?? remembered))?.id;
    this._counterId = known ?? this._choices[0]?.id ?? '';
    this._askCounter = !known && this.user?.role === 'staff' && this._choices.length > 1;
    if (fromUrl && known && this.user) rememberCounter(this.user.username, known);
    this._queue.refresh();
  }

  /** Puts a ticket from an HTTP answer on this counter (or takes it off); live events up to the answer's seq about it are dropped. */
  private _applyLocal({ ticket, seq }: Answer): void {
    this._answered.ticket(ticket.id, seq);
    if (ticket.state !== 'waiting') this._queue.drop(ticket.id);
    this._counters = this._counters.map((c) => {
      if (c.id === this._counterId) return { ...c, currentTicket: isHeld(ticket) ? ticket : null };
      if (c.currentTicket?.id === ticket.id) return { ...c, currentTicket: null };
      return c;
    });
  }

  protected override _onSnapshot(s: Snapshot): void {
    super._onSnapshot(s);
    this._queue.refresh();
  }

  protected override _onLiveEvent(e: LiveEvent): void {
    if (e.type === 'counter.updated') {
      this._counters = applyToCounters(this._counters, e);
      if (e.counter.id === this._counterId) {
        const c = e.counter;
        this._notice = t('counterUpdated', { name: c.name, status: t(`status_${c.status}`), services: formatTierNames(c.services, serviceNames(this._site)) });
        this._queue.refresh();
      }
      return;
    }
    const tk = e.ticket;
    // The engine's timer marked the desk's called ticket a no-show: say so, the ticket leaves the desk.
    if (e.type === 'ticket.no_show' && (this._current?.id === tk.id || e.counterId === this._counterId)) {
      this._notice = t('markedNoShow', { number: tk.number });
    }
    this._counters = applyToCounters(this._counters, e);
    if (tk.state !== 'waiting') this._queue.drop(tk.id);
    const mine = new Set(this._counter?.services.flat() ?? []);
    if (mine.has(tk.serviceId) || (e.fromServiceId !== undefined && mine.has(e.fromServiceId))) this._queue.schedule();
  }

  /** A booking checked in at this desk (or not): said in the desk's message lines; a new ticket joins the list. */
  private _onCheckinResult(e: CustomEvent<DeskCheckinResult>): void {
    const r = e.detail;
    this._error = r.kind === 'error' ? r.text : '';
    this._notice = r.kind === 'error' ? '' : r.text;
    if (r.ticket) this._queue.schedule();
  }

  private _onCounter(e: Event): void {
    this._pickCounter((e.target as HTMLSelectElement).value);
  }

  private _onStatus(e: CustomEvent<{ status: CounterStatus }>): Promise<void> {
    const { status } = e.detail;
    return this._run('status', async () => {
      const { counter, seq } = await this._api.patchCounter(this._counterId, { status });
      this._answered.counter(counter.id, seq);
      this._counters = withCounter(this._counters, counter);
    });
  }

  private _onCallNext(): Promise<void> {
    return this._run('callNext', async () => {
      const { ticket, seq } = await this._api.callNext(this._counterId);
      if (!ticket) {
        this._error = t('err_nothingWaiting');
        return;
      }
      this._applyLocal({ ticket, seq });
      this._notice = t('calledTicket', { number: ticket.number, counter: this._counter?.name ?? this._counterId });
      this._queue.schedule();
    });
  }

  private _onCallTicket(e: CustomEvent<{ ticketId: string }>): Promise<void> {
    return this._run('callTicket', async () => {
      const answer = await this._api.callTicket(this._counterId, e.detail.ticketId);
      this._applyLocal(answer);
      const { ticket } = answer;
      this._notice = t('calledTicket', { number: ticket.number, counter: this._counter?.name ?? this._counterId });
      this._queue.schedule();
    });
  }

  private _onAction(e: CustomEvent<{ action: TicketAction }>): Promise<void> {
    return this._onAct(e.detail.action);
  }

  private _onAct(action: TicketAction): Promise<void> {
    const cur = this._current;
    if (!cur) return Promise.resolve();
    return this._run(action, async () => {
      this._applyLocal(await this._api.act(cur.id, action));
      if (action === 'requeue') this._queue.schedule();
    });
  }

  private _onTransfer(e: CustomEvent<TransferDetail>): Promise<void> {
    const cur = this._current;
    if (!cur) return Promise.resolve();
    return this._run('transfer', async () => {
      const answer = await this._api.transfer(cur.id, e.detail.serviceId, e.detail.position);
      this._applyLocal(answer);
      const { ticket } = answer;
      this._notice = t('transferred', { number: ticket.number, service: serviceNames(this._site)[ticket.serviceId] ?? ticket.serviceId });
    });
  }

  private readonly _onKey = (e: KeyboardEvent): void => {
    const cmd: DeskCommand | null = commandOf(e);
    if (!cmd) return;
    e.preventDefault();
    if (cmd === 'callNext') void this._onCallNext();
    else if (cmd === 'transfer') this.renderRoot.querySelector<LoketTransferForm>('loket-transfer-form')?.focus();
    else if (legalActions(this._current?.state).includes(COMMAND_ACTION[cmd])) void this._onAct(COMMAND_ACTION[cmd]);
  };
}
customElements.define('loket-counter-desk', LoketCounterDesk);

declare global {
  interface HTMLElementTagNameMap {
    'loket-counter-desk': LoketCounterDesk;
  }
}
