import { css, html } from 'lit';
import type { LoketEvent, Snapshot, StaffingResponse, StatsResponse, TicketDto } from '@loket/engine/protocol';

/** The events a page handles itself (`site.updated` is the base page's). */
type LiveEvent = Exclude<LoketEvent, { type: 'site.updated' }>;
import { api, sitePath } from '../api.js';
import { applyToCounters, withCounter } from '../counter-state.js';
import { errorText } from '../error-text.js';
import { t } from '../i18n/i18n.js';
import { connectionText } from '../connection-text.js';
import { theme } from '../theme.js';
import { LiveSitePage, liveLineStyles } from './live-site-page.js';
import type { CounterPatchDetail } from './loket-counter-board.js';
import './loket-bookings-list.js';
import './loket-counter-board.js';
import './loket-floor-alerts.js';
import './loket-service-stats.js';
import type { MoveDetail } from './loket-ticket-mover.js';
import './loket-ticket-mover.js';
import { formatTierNames, serviceNames } from './service-options.js';

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
        gap: 0.75rem;
      }
      .conn {
        margin: 0;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        align-items: baseline;
      }
      .top p {
        margin: 0;
      }
      /* Two columns on a desktop screen: the counters on the left, the rest on the right. */
      .cols {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 1000px) {
        .cols {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .cols > div {
        display: grid;
        gap: 0.75rem;
      }
      details {
        border: 1px solid #c9d3df;
        border-radius: 0.4rem;
        padding: 0.25rem 0.6rem;
      }
      summary {
        cursor: pointer;
        font-weight: 700;
        font-size: 1.1rem;
        padding: 0.3rem 0;
      }
      /* Long sections scroll inside their box, so the page stays one screen high at 1366x768. */
      .box {
        max-height: max(14rem, calc(100vh - 27rem));
        overflow: auto;
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
    const names = serviceNames(this._site);
    const open = this._counters.filter((c) => c.status === 'open').length;
    const waiting = this._waiting.length;
    return html`
      <div class="top">
        <p class="conn ${this._live.connected ? 'on' : 'off'}" part="status" role="status">${connectionText(this._live)}</p>
        <p><a href=${`/report?site=${encodeURIComponent(this.siteId)}`}>${t('appReport')}</a></p>
      </div>
      ${this._renderLines()}
      <loket-floor-alerts .site=${this._site} .services=${this._stats?.services ?? []} .forecast=${this._forecast}></loket-floor-alerts>
      <div class="cols">
        <div>
          <details open data-section="counters">
            <summary>${t('floorCounters')} · ${open}/${this._counters.length} ${t('status_open').toLowerCase()}</summary>
            <div class="box"><loket-counter-board .site=${this._site} .counters=${this._counters} ?disabled=${this._busy !== null} @loket-counter-patch=${this._onPatch}></loket-counter-board></div>
          </details>
        </div>
        <div>
          <details data-section="stats">
            <summary>${t('floorServices')} · ${t('waitingCount', { n: waiting })}</summary>
            <div class="box"><loket-service-stats .site=${this._site} .stats=${this._stats}></loket-service-stats></div>
          </details>
          <details data-section="move">
            <summary>${t('moveTicket')}</summary>
            <loket-ticket-mover .site=${this._site} .tickets=${this._waiting} ?disabled=${this._busy !== null} @loket-move-ticket=${this._onMove}></loket-ticket-mover>
          </details>
          <details data-section="bookings">
            <summary>${t('bookingsToday')}</summary>
            <div class="box"><loket-bookings-list .siteId=${this.siteId} .token=${this.token} .serviceNames=${names}></loket-bookings-list></div>
          </details>
        </div>
      </div>
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
      this._notice = t('counterUpdated', { name: counter.name, status: t(`status_${counter.status}`), services: formatTierNames(counter.services, serviceNames(this._site)) });
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
