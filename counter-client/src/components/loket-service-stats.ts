import { LitElement, html } from 'lit';
import type { AgencyStats, ServiceStats, SiteInfo, StatsResponse } from '@loket/engine/protocol';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { roundMinutes } from '../time-format.js';
import { tableStyles } from './table-styles.js';

type Line = Pick<ServiceStats, 'waiting' | 'longestWaitMinutes' | 'avgWaitMinutes' | 'withinSlaShare' | 'openCounters'>;

/**
 * Per agency and service: waiting, longest and average wait, share within SLA, open counters.
 * @csspart table - the table
 */
export class LoketServiceStats extends LitElement {
  static override styles = [theme, tableStyles];

  static override properties = { site: { attribute: false }, stats: { attribute: false } };
  /** Names and order of agencies and services. */
  declare site: SiteInfo | null;
  /** The latest `GET /stats`. */
  declare stats: StatsResponse | null;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.site = null;
    this.stats = null;
  }

  override render() {
    const bySvc = new Map<string, ServiceStats>((this.stats?.services ?? []).map((s) => [s.serviceId, s]));
    const byAgency = new Map<string, AgencyStats>((this.stats?.agencies ?? []).map((a) => [a.agencyId, a]));
    return html`<section aria-labelledby="st-h">
      <h2 id="st-h">${t('floorServices')}</h2>
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${t('service')}</th>
            <th scope="col">${t('waiting')}</th>
            <th scope="col">${t('longestWait')}</th>
            <th scope="col">${t('avgWait')}</th>
            <th scope="col">${t('withinSla')}</th>
            <th scope="col">${t('openCounters')}</th>
          </tr>
        </thead>
        ${(this.site?.agencies ?? []).map((a) => {
          const total = byAgency.get(a.id);
          return html`<tbody data-agency=${a.id}>
            <tr class="agency">
              <th scope="row">${a.name}</th>
              ${this._cells(total, null)}
            </tr>
            ${a.services.map((s) => {
              const line = bySvc.get(s.id);
              return html`<tr data-service=${s.id}>
                <th scope="row">${s.prefix} · ${s.name}</th>
                ${this._cells(line, s.sla.minutes)}
              </tr>`;
            })}
          </tbody>`;
        })}
      </table>
    </section>`;
  }

  private _cells(line: Line | undefined, slaMinutes: number | null) {
    const min = (v: number | null | undefined) => {
      const r = roundMinutes(v);
      return r === null ? t('none') : t('minutes', { n: r });
    };
    const late = slaMinutes !== null && line?.longestWaitMinutes != null && line.longestWaitMinutes > slaMinutes;
    const share = line?.withinSlaShare;
    return html`<td class="n" data-waiting>${line?.waiting ?? 0}</td>
      <td class="n ${late ? 'late' : ''}">${min(line?.longestWaitMinutes)}</td>
      <td class="n">${min(line?.avgWaitMinutes)}</td>
      <td class="n">${share === null || share === undefined ? t('none') : `${Math.round(share * 100)}%`}</td>
      <td class="n" data-open>${line?.openCounters ?? 0}</td>`;
  }
}
customElements.define('loket-service-stats', LoketServiceStats);

declare global {
  interface HTMLElementTagNameMap {
    'loket-service-stats': LoketServiceStats;
  }
}
