import { LitElement, css, html } from 'lit';
import type { ServiceStats, SiteInfo, StaffingResponse } from '@loket/engine/protocol';
import { LangController, t } from '../i18n/i18n.js';
import { slaAlerts } from '../sla.js';
import { siteNames, warningText, type SiteNames } from './advice-text.js';
import { serviceNames } from './service-options.js';
import { theme } from '../theme.js';

/**
 * Alerts for services whose longest current wait is past their SLA minutes, and the staffing
 * advisor's breaches forecast within the hour.
 * @csspart list - the list of alerts
 */
export class LoketFloorAlerts extends LitElement {
  static override styles = [
    theme,
    css`
      section {
        border: 3px solid var(--danger);
        border-radius: 0.5rem;
        padding: 0.4rem 1rem;
      }
      h2 {
        margin: 0 0 0.2rem;
        font-size: 1.2rem;
      }
      p {
        margin: 0;
      }
      /* A long list scrolls in place (four whole lines show): the floor stays one screen high. */
      ul {
        margin: 0;
        max-height: calc(4 * 1.4 * 1.1rem);
        overflow: auto;
      }
      section.calm {
        border-color: var(--ok);
      }
      li {
        color: var(--danger);
        font-weight: 700;
        font-size: 1.1rem;
        line-height: 1.4;
      }
    `,
  ];

  static override properties = { site: { attribute: false }, services: { attribute: false }, forecast: { attribute: false } };
  /** Names of the services. */
  declare site: SiteInfo | null;
  /** Service lines of the stats. */
  declare services: ServiceStats[];
  /** Breaches the staffing advisor forecasts within the hour. */
  declare forecast: StaffingResponse['warnings'];
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.site = null;
    this.services = [];
    this.forecast = [];
  }

  override render() {
    const alerts = slaAlerts(this.site, this.services);
    const forecast = this.forecast ?? [];
    const names = serviceNames(this.site);
    const named = siteNames(this.site);
    return html`<section class=${alerts.length || forecast.length ? '' : 'calm'} aria-labelledby="al-h">
      <h2 id="al-h">${t('alerts')}</h2>
      <div aria-live="polite">
        ${alerts.length === 0 && forecast.length === 0
          ? html`<p>${t('noAlerts')}</p>`
          : html`<ul part="list">
              ${forecast.map((w) => html`<li data-forecast=${w.serviceId} data-kind=${w.kind}>${this._forecastText(w, named)}</li>`)}
              ${alerts.map((a) => html`<li data-alert=${a.serviceId}>${t('alertSla', { service: names[a.serviceId] ?? a.serviceName, n: a.longestWaitMinutes, sla: a.slaMinutes })}</li>`)}
            </ul>`}
      </div>
    </section>`;
  }

  /**
   * An early warning in the page's language, by service name: "no counter serves it" with the
   * live waiting count of the stats; the advisor's other lines worded from its figures.
   */
  private _forecastText(w: StaffingResponse['warnings'][number], names: SiteNames): string {
    if (w.kind === 'no_counter') {
      const waiting = this.services.find((s) => s.serviceId === w.serviceId)?.waiting ?? w.waiting;
      return t('alertNoCounter', { service: names.service(w.serviceId), n: waiting });
    }
    return t('alertForecast', { message: warningText(w, names) });
  }
}
customElements.define('loket-floor-alerts', LoketFloorAlerts);

declare global {
  interface HTMLElementTagNameMap {
    'loket-floor-alerts': LoketFloorAlerts;
  }
}
