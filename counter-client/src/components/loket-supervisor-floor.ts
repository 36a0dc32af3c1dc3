import { css, html } from 'lit';
import type { LoketEvent, Snapshot, StaffingResponse, StatsResponse, TicketDto } from '@loket/engine/protocol';

/** The events a page handles itself (`site.updated` is the base page's). */
type LiveEvent = Exclude<LoketEvent, { type: 'site.updated' }>;
import { api, sitePath } from '../api.js';
import { applyToCounters, withCounter } from '../counter-state.js';
import { errorText } from '../error-text.js';
import { t } from '../i18n/i18n.js';
import { connectionText } from '../connection-text.js';
import { formatTiers } from '../tiers.js';
import { theme } from '../theme.js';
import { LiveSitePage, liveLineStyles } from './live-site-page.js';
import type { CounterPatchDetail } from './loket-counter-board.js';
import './loket-bookings-list.js';
import './loket-counter-board.js';
import './loket-floor-alerts.js';
import './loket-service-stats.js';
import type { MoveDetail } from './loket-ticket-mover.js';
import './loket-ticket-mover.js';
import { serviceNames } from './service-options.js';

/** Stats are re-read at most this often while events arrive. */
const STATS_THROTTLE_MS = 1000;
/** And at least this often, so longest waits keep growing on screen. */
const STATS_PERIOD_MS = 15_000;

/**
 * The whole mall live for a supervisor: service stats, SLA alerts, every
 * counter, and rebalancing (counter services and status, moving tickets).
 * @csspart status - the connection line
 */
export class LoketSupervisorFloor extends LiveSitePage {
  static override styles = [
    theme,
    liveLineStyles,
    css`
      :host {
        display: grid;
        gap: 1.5rem;
      }
      .conn {
        margin: 0;
      }
    `,
  ];

  static override properties = {
    _stats: { state: true },
    _waiting: { state: true },
    _forecast: { state: true },
  };
  declare private _forecast: StaffingResponse['warnings'];
  declare private _stats: StatsResponse | null;
  declare private _waiting: TicketDto[];
  private _throttle: ReturnType<typeof setTimeout> | undefined;
  private _period: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super('/supervisor');
    this._stats = null;
    this._waiting = [];
    this._forecast = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._period = setInterval(() => this._refresh(), STATS_PERIOD_MS);
  }

  override disconnectedCallback(): void {
    clearInterval(this._period);
    clearTimeout(this._throttle);
    this._throttle = undefined;
    super.disconnectedCallback();
  }

  override render() {
    return html`
      <p class="conn ${this._live.connected ? 'on' : 'off'}" part="status" role="status">
        ${connectionText(this._live)}
      </p>
      ${this._renderLines()}
      <loket-floor-alerts .site=${this._site} .services=${this._stats?.services ?? []} .forecast=${this._forecast}></loket-floor-alerts>
      <p><a href=${`/report?site=${encodeURIComponent(this.siteId)}`}>${t('appReport')}</a></p>
      <loket-service-stats .site=${this._site} .stats=${this._stats}></loket-service-stats>
      <loket-counter-board .site=${this._site} .counters=${this._counters} ?disabled=${this._busy !== null} @loket-counter-patch=${this._onPatch}></loket-counter-board>
      <loket-bookings-list .siteId=${this.siteId} .token=${this.token} .serviceNames=${serviceNames(this._site)}></loket-bookings-list>
      <loket-ticket-mover .site=${this._site} .tickets=${this._waiting} ?disabled=${this._busy !== null} @loket-move-ticket=${this._onMove}></loket-ticket-mover>
    `;
  }

  protected override _loaded(): Promise<void> {
    return this._refresh();
  }

  /** Re-reads stats and the waiting tickets. */
  private async _refresh(): Promise<void> {
    try {
      const [stats, { tickets }, staffing] = await Promise.all([
        api<StatsResponse>(sitePath(this.siteId, '/stats'), { token: this.token }),
        this._api.waiting(),
        api<StaffingResponse>(sitePath(this.siteId, '/staffing'), { token: this.token }).catch(() => null),
      ]);
      this._stats = stats;
      if (staffing) this._forecast = staffing.warnings;
      this._waiting = tickets.filter((tk) => tk.state === 'waiting');
    } catch (err) {
      this._error = errorText(err);
    }
  }

  private _scheduleRefresh(): void {
    if (this._throttle !== undefined) return;
    this._throttle = setTimeout(() => {
      this._throttle = undefined;
      void this._refresh();
    }, STATS_THROTTLE_MS);
  }

  protected override _onSnapshot(s: Snapshot): void {
    super._onSnapshot(s);
    this._scheduleRefresh();
  }

  protected override _onLiveEvent(e: LiveEvent): void {
    this._counters = applyToCounters(this._counters, e);
    this._scheduleRefresh();
  }

  private _onPatch(e: CustomEvent<CounterPatchDetail>): Promise<void> {
    const { counterId, ...patch } = e.detail;
    return this._run('patch', async () => {
      const { counter, seq } = await this._api.patchCounter(counterId, patch);
      this._answered.counter(counter.id, seq);
      this._counters = withCounter(this._counters, counter);
      this._notice = t('counterUpdated', { name: counter.name, status: t(`status_${counter.status}`), services: formatTiers(counter.services) });
      this._scheduleRefresh();
    });
  }

  private _onMove(e: CustomEvent<MoveDetail>): Promise<void> {
    const { ticketId, serviceId, position } = e.detail;
    return this._run('move', async () => {
      const { ticket, seq } = await this._api.transfer(ticketId, serviceId, position);
      this._answered.ticket(ticket.id, seq);
      this._notice = t('transferred', { number: ticket.number, service: serviceNames(this._site)[ticket.serviceId] ?? ticket.serviceId });
      await this._refresh();
    });
  }
}
customElements.define('loket-supervisor-floor', LoketSupervisorFloor);

declare global {
  interface HTMLElementTagNameMap {
    'loket-supervisor-floor': LoketSupervisorFloor;
  }
}
