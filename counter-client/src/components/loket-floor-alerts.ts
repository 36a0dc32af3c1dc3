import { LitElement, css, html } from 'lit';
import type { ServiceStats, SiteInfo, StaffingResponse } from '@loket/engine/protocol';
import { LangController, t } from '../i18n/i18n.js';
import { slaAlerts } from '../sla.js';
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
      /* A long list scrolls in place: the floor stays one screen high. */
      ul {
        margin: 0;
        max-height: 6.5rem;
        overflow: auto;
      }
      section.calm {
        border-color: var(--ok);
      }
      li {
        color: var(--danger);
        font-weight: 700;
        font-size: 1.1rem;
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
    return html`<section class=${alerts.length || forecast.length ? '' : 'calm'} aria-labelledby="al-h">
      <h2 id="al-h">${t('alerts')}</h2>
      <div aria-live="polite">
        ${alerts.length === 0 && forecast.length === 0
          ? html`<p>${t('noAlerts')}</p>`
          : html`<ul part="list">
              ${alerts.map((a) => html`<li data-alert=${a.serviceId}>${t('alertSla', { service: a.serviceName, n: a.longestWaitMinutes, sla: a.slaMinutes })}</li>`)}
              ${forecast.map((w) => html`<li data-forecast=${w.serviceId}>${t('alertForecast', { message: w.message })}</li>`)}
            </ul>`}
      </div>
    </section>`;
  }
}
customElements.define('loket-floor-alerts', LoketFloorAlerts);

declare global {
  interface HTMLElementTagNameMap {
    'loket-floor-alerts': LoketFloorAlerts;
  }
}
