import { LitElement, css, html } from 'lit';
import type { CounterDto, LoketEvent, SessionUser, SiteInfo, Snapshot, StatsResponse, TicketDto } from '@loket/engine/protocol';
import { api, sitePath } from '../api.js';
import { applyToCounters, withCounter } from '../counter-state.js';
import { DeskApi } from '../desk-actions.js';
import { errorText } from '../error-text.js';
import { LangController, t } from '../i18n/i18n.js';
import { LiveController, connectionText } from '../live-controller.js';
import { formatTiers } from '../tiers.js';
import { theme } from '../theme.js';
import type { CounterPatchDetail } from './loket-counter-board.js';
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
export class LoketSupervisorFloor extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: grid;
        gap: 1.5rem;
      }
      .conn {
        margin: 0;
        font-weight: 700;
      }
      .conn.on {
        color: var(--ok);
      }
      .conn.off {
        color: var(--danger);
      }
      .error:empty,
      .notice:empty {
        display: none;
      }
    `,
  ];

  static override properties = {
    siteId: { type: String },
    token: { type: String },
    user: { attribute: false },
    _site: { state: true },
    _counters: { state: true },
    _stats: { state: true },
    _waiting: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _notice: { state: true },
  };
  /** Site shown. */
  declare siteId: string;
  /** Bearer token of a supervisor or admin. */
  declare token: string;
  /** The logged-in user. */
  declare user: SessionUser | null;
  declare private _site: SiteInfo | null;
  declare private _counters: CounterDto[];
  declare private _stats: StatsResponse | null;
  declare private _waiting: TicketDto[];
  declare private _busy: boolean;
  declare private _error: string;
  declare private _notice: string;
  private readonly _lang = new LangController(this);
  private readonly _live = new LiveController(this, {
    namespace: '/supervisor',
    token: () => this.token || null,
    siteId: () => this.siteId || null,
    onSnapshot: (s) => this._onSnapshot(s),
    onEvent: (e) => this._onLiveEvent(e),
  });
  private _throttle: ReturnType<typeof setTimeout> | undefined;
  private _period: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this.user = null;
    this._site = null;
    this._counters = [];
    this._stats = null;
    this._waiting = [];
    this._busy = false;
    this._error = '';
    this._notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._period = setInterval(() => this._refresh(), STATS_PERIOD_MS);
    void this._load();
  }

  override disconnectedCallback(): void {
    clearInterval(this._period);
    clearTimeout(this._throttle);
    this._throttle = undefined;
    super.disconnectedCallback();
  }

  private get _api(): DeskApi {
    return new DeskApi(this.siteId, this.token);
  }

  override render() {
    return html`
      <p class="conn ${this._live.connected ? 'on' : 'off'}" part="status" role="status">
        ${connectionText(this._live)}
      </p>
      <p class="error" role="alert" data-error>${this._error}</p>
      <p class="notice" aria-live="polite" data-notice>${this._notice}</p>
      <loket-floor-alerts .site=${this._site} .services=${this._stats?.services ?? []}></loket-floor-alerts>
      <loket-service-stats .site=${this._site} .stats=${this._stats}></loket-service-stats>
      <loket-counter-board .site=${this._site} .counters=${this._counters} ?disabled=${this._busy} @loket-counter-patch=${this._onPatch}></loket-counter-board>
      <loket-ticket-mover .site=${this._site} .tickets=${this._waiting} ?disabled=${this._busy} @loket-move-ticket=${this._onMove}></loket-ticket-mover>
    `;
  }

  private async _load(): Promise<void> {
    try {
      const [site, { counters }] = await Promise.all([api<SiteInfo>(sitePath(this.siteId, '/info')), this._api.counters()]);
      this._site = site;
      this._counters = counters;
      await this._refresh();
    } catch (err) {
      this._error = errorText(err);
    }
  }

  /** Re-reads stats and the waiting tickets. */
  private async _refresh(): Promise<void> {
    try {
      const [stats, { tickets }] = await Promise.all([
        api<StatsResponse>(sitePath(this.siteId, '/stats'), { token: this.token }),
        this._api.waiting(),
      ]);
      this._stats = stats;
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

  private _onSnapshot(s: Snapshot): void {
    if (s.site) this._site = s.site;
    if (s.counters.length > 0) this._counters = s.counters;
    this._scheduleRefresh();
  }

  private _onLiveEvent(e: LoketEvent): void {
    this._counters = applyToCounters(this._counters, e);
    this._scheduleRefresh();
  }

  private async _onPatch(e: CustomEvent<CounterPatchDetail>): Promise<void> {
    if (this._busy) return;
    const { counterId, ...patch } = e.detail;
    this._busy = true;
    this._error = '';
    this._notice = '';
    try {
      const { counter } = await this._api.patchCounter(counterId, patch);
      this._counters = withCounter(this._counters, counter);
      this._notice = t('counterUpdated', { name: counter.name, status: t(`status_${counter.status}`), services: formatTiers(counter.services) });
      this._scheduleRefresh();
    } catch (err) {
      this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }

  private async _onMove(e: CustomEvent<MoveDetail>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    this._notice = '';
    try {
      const { ticket } = await this._api.transfer(e.detail.ticketId, e.detail.serviceId, e.detail.position);
      this._notice = t('transferred', { number: ticket.number, service: serviceNames(this._site)[ticket.serviceId] ?? ticket.serviceId });
      await this._refresh();
    } catch (err) {
      this._error = errorText(err);
    } finally {
      this._busy = false;
    }
  }
}
customElements.define('loket-supervisor-floor', LoketSupervisorFloor);

declare global {
  interface HTMLElementTagNameMap {
    'loket-supervisor-floor': LoketSupervisorFloor;
  }
}
