import { LitElement, css, html } from 'lit';
import type { ServiceStats, SiteInfo } from '@loket/engine/protocol';
import { LangController, t } from '../i18n/i18n.js';
import { slaAlerts } from '../sla.js';
import { theme } from '../theme.js';

/**
 * Alerts for services whose longest current wait is past their SLA minutes.
 * @csspart list - the list of alerts
 */
export class LoketFloorAlerts extends LitElement {
  static override styles = [
    theme,
    css`
      section {
        border: 3px solid var(--danger);
        border-radius: 0.5rem;
        padding: 0.75rem 1rem;
      }
      section.calm {
        border-color: var(--ok);
      }
      li {
        color: var(--danger);
        font-weight: 700;
        font-size: 1.25rem;
      }
    `,
  ];

  static override properties = { site: { attribute: false }, services: { attribute: false } };
  /** Names of the services. */
  declare site: SiteInfo | null;
  /** Service lines of the stats. */
  declare services: ServiceStats[];
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.site = null;
    this.services = [];
  }

  override render() {
    const alerts = slaAlerts(this.site, this.services);
    return html`<section class=${alerts.length ? '' : 'calm'} aria-labelledby="al-h">
      <h2 id="al-h">${t('alerts')}</h2>
      <div aria-live="polite">
        ${alerts.length === 0
          ? html`<p>${t('noAlerts')}</p>`
          : html`<ul part="list">
              ${alerts.map((a) => html`<li data-alert=${a.serviceId}>${t('alertSla', { service: a.serviceName, n: a.longestWaitMinutes, sla: a.slaMinutes })}</li>`)}
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
