import { LitElement, css, html, type PropertyValues } from 'lit';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { DailyReport, IkmReport, SessionUser, SiteInfo, StaffingResponse } from '@loket/engine/protocol';
import { api, sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { moveReason, siteNames, warningText } from './advice-text.js';
import { formatTierNames, serviceNames } from './service-options.js';
import { tableStyles } from './table-styles.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : `${Math.round(x * 1000) / 10}%`);
const num = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : String(x));
/** A chart axis label in lines of about 12 characters (Chart.js draws an array as lines), so names stand upright under their bars. */
function wrapLabel(text: string, width = 12): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The manager's report of a day (printable): arrivals and served per hour, wait per service,
 * SLA share and no-shows, IKM with its elements and comments, and the staffing advisor's
 * moves, each applied with one click.
 * @csspart toolbar - date picker and print button (hidden in print)
 */
export class LoketReportPage extends LitElement {
  static override styles = [
    theme,
    tableStyles,
    css`
      :host {
        display: grid;
        gap: 1.25rem;
      }
      .toolbar {
        display: flex;
        gap: 1rem;
        align-items: end;
        flex-wrap: wrap;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(28rem, 1fr));
        gap: 1.25rem;
      }
      figure {
        margin: 0;
        border: 1px solid var(--line);
        border-radius: 0.5rem;
        padding: 0.75rem;
        height: 18rem;
        position: relative;
      }
      figcaption {
        font-weight: 700;
      }
      canvas {
        max-height: 15rem;
      }
      .miss {
        color: var(--danger);
        font-weight: 700;
      }
      td.counter {
        white-space: nowrap;
      }
      .warn li {
        color: var(--danger);
        font-weight: 700;
      }
      h2 {
        margin: 0.5rem 0;
      }
      @media print {
        .toolbar,
        button {
          display: none;
        }
        figure {
          break-inside: avoid;
        }
      }
    `,
  ];

  static override properties = {
    siteId: { type: String },
    token: { type: String },
    user: { attribute: false },
    _date: { state: true },
    _report: { state: true },
    _staffing: { state: true },
    _ikm: { state: true },
    _site: { state: true },
    _error: { state: true },
    _notice: { state: true },
  };
  declare siteId: string;
  declare token: string;
  declare user: SessionUser | null;
  declare private _date: string;
  declare private _report: DailyReport | null;
  declare private _staffing: StaffingResponse | null;
  declare private _ikm: IkmReport | null;
  declare private _site: SiteInfo | null;
  declare private _error: string;
  declare private _notice: string;
  private readonly _lang = new LangController(this);
  private readonly _charts: Chart[] = [];

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this.user = null;
    this._date = new URLSearchParams(globalThis.location?.search ?? '').get('date') ?? '';
    this._report = null;
    this._staffing = null;
    this._ikm = null;
    this._site = null;
    this._error = '';
    this._notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override disconnectedCallback(): void {
    for (const c of this._charts.splice(0)) c.destroy();
    super.disconnectedCallback();
  }

  private async _load(): Promise<void> {
    try {
      const q = this._date ? `?date=${this._date}` : '';
      const [report, staffing, site] = await Promise.all([
        api<DailyReport>(sitePath(this.siteId, `/reports/daily${q}`), { token: this.token }),
        api<StaffingResponse>(sitePath(this.siteId, '/staffing'), { token: this.token }),
        api<SiteInfo>(sitePath(this.siteId, '/info'), { token: this.token }),
      ]);
      this._report = report;
      this._staffing = staffing;
      this._site = site;
      this._date = report.date;
      this._ikm = await api<IkmReport>(sitePath(this.siteId, `/ikm/report?from=${report.date}&to=${report.date}`), { token: this.token });
      this._error = '';
    } catch (err) {
      this._error = errorText(err);
    }
  }

  /** A service's name in the page's language (the id when the site does not know it). */
  private _name(serviceId: string): string {
    return siteNames(this._site).service(serviceId);
  }

  override render() {
    const r = this._report;
    return html`
      <div class="toolbar" part="toolbar">
        <label>${t('reportDate')} <input type="date" .value=${this._date} @change=${this._onDate} /></label>
        <button type="button" @click=${() => window.print()}>${t('print')}</button>
      </div>
      ${this._error ? html`<p role="alert" class="miss">${this._error}</p>` : ''}
      ${this._notice ? html`<p role="status">${this._notice}</p>` : ''}
      <h2>${t('reportTitle', { date: r?.date ?? '' })}</h2>
      <div class="charts">
        <figure><figcaption>${t('chartHours')}</figcaption><canvas id="hours" aria-label=${t('chartHours')} role="img"></canvas></figure>
        <figure><figcaption>${t('chartWaits')}</figcaption><canvas id="waits" aria-label=${t('chartWaits')} role="img"></canvas></figure>
      </div>
      ${this._renderAdvice()} ${r ? this._renderServices(r) : ''} ${this._renderIkm()}
    `;
  }

  private _renderServices(r: DailyReport) {
    return html`<section>
      <h2>${t('reportServices')}</h2>
      <table>
        <thead>
          <tr>
            <th>${t('service')}</th><th>${t('issued')}</th><th>${t('served')}</th><th>${t('noShow')}</th><th>${t('walkedOut')}</th>
            <th>${t('waitP50')}</th><th>${t('waitP90')}</th><th>${t('serviceAvg')}</th><th>${t('withinSla')}</th>
          </tr>
        </thead>
        <tbody>
          ${r.services.map(
            (s) => html`<tr data-service=${s.serviceId}>
              <td>${this._name(s.serviceId)}</td><td>${s.issued}</td><td>${s.served}</td><td>${s.noShow}</td><td>${s.walkedOut}</td>
              <td>${num(s.waitP50Minutes)}</td><td>${num(s.waitP90Minutes)}</td><td>${num(s.serviceAvgMinutes)}</td>
              <td class=${s.slaShare !== null && s.slaShare < s.slaTarget ? 'miss' : ''}>${pct(s.slaShare)} / ${Math.round(s.slaTarget * 100)}% ≤ ${s.slaMinutes}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _renderAdvice() {
    const s = this._staffing;
    if (!s) return '';
    const short = s.services.filter((x) => x.countersNeeded > x.countersServing || x.waiting > 0);
    const names = siteNames(this._site);
    const tiers = (x: string[][]): string => formatTierNames(x, serviceNames(this._site));
    return html`<section>
      <h2>${t('advisorTitle')}</h2>
      ${s.warnings.length
        ? html`<ul class="warn">${s.warnings.map((w) => html`<li data-warning=${w.serviceId} data-kind=${w.kind}>${warningText(w, names)}</li>`)}</ul>`
        : html`<p>${t('advisorCalm')}</p>`}
      ${s.moves.length
        ? html`<table>
            <thead><tr><th>${t('counter')}</th><th>${t('moveFrom')}</th><th>${t('moveTo')}</th><th>${t('moveReason')}</th><th></th></tr></thead>
            <tbody>
              ${s.moves.map(
                (m) => html`<tr data-move=${m.counterId} data-move-kind=${m.kind} data-to=${m.toServices.map((x) => x.join(',')).join('|')}>
                  <td class="counter">${names.counter(m.counterId)}</td><td>${tiers(m.fromServices)}</td><td>${tiers(m.toServices)}</td><td>${moveReason(m, names)}</td>
                  <td><button type="button" data-apply=${m.counterId} @click=${() => this._apply(m)}>${t('applyMove')}</button></td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${t('noMoves')}</p>`}
      <table>
        <thead><tr><th>${t('service')}</th><th>${t('arrivalsPerHour')}</th><th>${t('serviceAvg')}</th><th>${t('waiting')}</th><th>${t('countersServing')}</th><th>${t('countersNeeded')}</th><th>${t('slaForecast')}</th></tr></thead>
        <tbody>
          ${(short.length ? short : s.services).map(
            (x) => html`<tr data-staffing=${x.serviceId}>
              <td>${this._name(x.serviceId)}</td><td>${x.arrivalsPerHour}</td><td>${x.serviceAvgMinutes}</td><td>${x.waiting}</td>
              <td>${x.countersServing}</td><td class=${x.countersNeeded > x.countersServing ? 'miss' : ''}>${x.countersNeeded}</td><td>${pct(x.slaForecast)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _renderIkm() {
    const k = this._ikm;
    if (!k) return '';
    return html`<section>
      <h2>${t('ikmTitle')}: ${num(k.overall.ikm)} ${k.overall.grade ? `(${k.overall.grade}, ${k.overall.gradeLabel})` : ''}</h2>
      <p>${t('ikmSample', { n: k.sample.responses, min: k.sample.minimumSample, pop: k.sample.population })}</p>
      <table>
        <thead><tr><th>${t('ikmElement')}</th><th>${t('ikmResponses')}</th><th>NRR</th><th>NRR × 25</th><th>${t('ikmGrade')}</th></tr></thead>
        <tbody>
          ${k.elements.map((e) => html`<tr data-element=${e.element}><td>${e.element} ${e.name}</td><td>${e.responses}</td><td>${num(e.nrr)}</td><td>${num(e.converted)}</td><td>${e.grade ?? '–'}</td></tr>`)}
        </tbody>
      </table>
      ${k.comments.length
        ? html`<h2>${t('ikmComments')}</h2>
            <ul>${k.comments.map((c) => html`<li data-comment=${c.ticketId}>[${t(`comment_${c.state}`)}] ${this._name(c.serviceId)}: ${c.comment}</li>`)}</ul>`
        : ''}
    </section>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_report') && this._report) this._drawCharts(this._report);
  }

  private _drawCharts(r: DailyReport): void {
    for (const c of this._charts.splice(0)) c.destroy();
    const hoursEl = this.renderRoot.querySelector<HTMLCanvasElement>('#hours');
    const waitsEl = this.renderRoot.querySelector<HTMLCanvasElement>('#waits');
    const anim = { animation: false as const, responsive: true, maintainAspectRatio: false };
    if (hoursEl) {
      this._charts.push(
        new Chart(hoursEl, {
          type: 'bar',
          data: {
            labels: r.hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
            datasets: [
              { label: t('issued'), data: r.hours.map((h) => h.issued), backgroundColor: '#0b4f9c' },
              { label: t('served'), data: r.hours.map((h) => h.served), backgroundColor: '#0a6b2e' },
            ],
          },
          options: anim,
        }),
      );
    }
    if (waitsEl) {
      const rows = r.services.filter((s) => s.called > 0);
      this._charts.push(
        new Chart(waitsEl, {
          type: 'bar',
          data: {
            labels: rows.map((s) => wrapLabel(this._name(s.serviceId))),
            datasets: [
              { label: t('waitP50'), data: rows.map((s) => s.waitP50Minutes), backgroundColor: '#5b8fd1' },
              { label: t('waitP90'), data: rows.map((s) => s.waitP90Minutes), backgroundColor: '#0b2545' },
              { type: 'line', label: 'SLA', data: rows.map((s) => s.slaMinutes), borderColor: '#a0001c', backgroundColor: '#a0001c', pointRadius: 3 },
            ],
          },
          options: { ...anim, scales: { y: { title: { display: true, text: t('minutesAxis') } } } },
        }),
      );
    }
  }

  private _onDate(e: Event): void {
    this._date = (e.target as HTMLInputElement).value;
    void this._load();
  }

  private async _apply(m: StaffingResponse['moves'][number]): Promise<void> {
    try {
      await api(sitePath(this.siteId, `/counters/${encodeURIComponent(m.counterId)}`), {
        method: 'PATCH',
        token: this.token,
        body: { services: m.toServices, ...(m.open ? { status: 'open' } : {}) },
      });
      this._notice = t('moveApplied', { counter: siteNames(this._site).counter(m.counterId), services: formatTierNames(m.toServices, serviceNames(this._site)) });
      await this._load();
    } catch (err) {
      this._error = errorText(err);
    }
  }
}
customElements.define('loket-report-page', LoketReportPage);

declare global {
  interface HTMLElementTagNameMap {
    'loket-report-page': LoketReportPage;
  }
}
