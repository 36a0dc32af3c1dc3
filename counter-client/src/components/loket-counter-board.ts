import { LitElement, css, html } from 'lit';
import type { CounterDto, CounterStatus, SiteInfo } from '@loket/engine/protocol';
import { ClockController } from '@loket/web-common/clock-controller';
import { serverNow } from '@loket/web-common/server-clock';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { formatTiers } from '../tiers.js';
import { elapsed } from '../time-format.js';
import { fireUnlessDisabled } from './fire-event.js';
import './loket-status-buttons.js';
import { tableStyles } from './table-styles.js';
import { formatTierNames, serviceNames, serviceOptions } from './service-options.js';

export interface CounterPatchDetail {
  counterId: string;
  status?: CounterStatus;
  services?: string[][];
}

/**
 * Every counter: status, services (tiers), current ticket and its time, with
 * controls to open/pause/close it and change its services, picked from the
 * site's list tier by tier (never typed ids).
 * @fires loket-counter-patch - `CustomEvent<CounterPatchDetail>` to change a counter
 * @csspart table - the table
 */
export class LoketCounterBoard extends LitElement {
  static override styles = [
    theme,
    tableStyles,
    css`
      form {
        display: grid;
        gap: 0.3rem;
      }
      .tier {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem;
        align-items: center;
      }
      .tier select {
        max-width: 14rem;
      }
      .chip {
        min-height: 2rem;
      }
      .row-buttons {
        display: flex;
        gap: 0.4rem;
      }
      button {
        min-height: 2.5rem;
        padding: 0.2rem 0.6rem;
      }
      .agency {
        display: block;
        font-weight: 400;
        font-size: 0.85rem;
        line-height: 1.2;
        color: var(--muted, #555);
      }
      loket-status-buttons {
        display: block;
        min-width: 17rem;
      }
      /* A ticket number never breaks after its dash ("A-" / "004"). */
      .ticket {
        font-weight: 800;
        font-size: 1.2rem;
        white-space: nowrap;
      }
    `,
  ];

  static override properties = {
    site: { attribute: false },
    counters: { attribute: false },
    disabled: { type: Boolean },
    _editing: { state: true },
    _draft: { state: true },
    _error: { state: true },
  };
  /** Agency names and known services. */
  declare site: SiteInfo | null;
  /** All counters of the site, live. */
  declare counters: CounterDto[];
  /** A change is in flight. */
  declare disabled: boolean;
  /** The counter whose services are being changed (one at a time), and its draft tiers. */
  declare private _editing: string | null;
  declare private _draft: string[][];
  declare private _error: string;
  private readonly _lang = new LangController(this);
  private readonly _clock = new ClockController(this, serverNow);

  constructor() {
    super();
    this.site = null;
    this.counters = [];
    this.disabled = false;
    this._editing = null;
    this._draft = [];
    this._error = '';
  }

  override render() {
    const agencyName = new Map((this.site?.agencies ?? []).map((a) => [a.id, a.name]));
    return html`<section aria-labelledby="cb-h">
      <h2 id="cb-h">${t('floorCounters')}</h2>
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${t('counter')}</th>
            <th scope="col">${t('status')}</th>
            <th scope="col">${t('services')}</th>
            <th scope="col">${t('currentTicketShort')}</th>
            <th scope="col">${t('timeAtCounter')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.counters.map((c) => this._row(c, agencyName.get(c.agencyId) ?? c.agencyId))}
        </tbody>
      </table>
    </section>`;
  }

  private _row(c: CounterDto, agency: string) {
    const cur = c.currentTicket;
    const names = serviceNames(this.site);
    return html`<tr data-counter=${c.id} data-status=${c.status}>
      <th scope="row">${c.name}<small class="agency">${agency}</small></th>
      <td>
        <loket-status-buttons compact .status=${c.status} .label=${t('statusOf', { name: c.name })} ?disabled=${this.disabled}
          @loket-status=${(e: CustomEvent<{ status: CounterStatus }>) => this._emit({ counterId: c.id, status: e.detail.status })}></loket-status-buttons>
      </td>
      <td>
        ${this._editing === c.id
          ? this._editor(c, names)
          : html`<span data-service-names>${formatTierNames(c.services, names)}</span>
              <button type="button" data-edit-services ?disabled=${this.disabled} @click=${() => this._startEdit(c)}>${t('editServicesButton')}</button>`}
        <span data-current-services hidden>${formatTiers(c.services)}</span>
      </td>
      <td class="ticket">${cur ? cur.number : t('none')}</td>
      <td class="n">${cur ? elapsed(cur.calledAt, this._clock.now) : t('none')}</td>
    </tr>`;
  }

  /** Tiers as rows of removable services, each with a picker to add one more; a last picker opens a new tier. */
  private _editor(c: CounterDto, names: Record<string, string>) {
    const used = new Set(this._draft.flat());
    const picker = (attr: string, label: string, add: (id: string) => void) =>
      html`<select data-add=${attr} aria-label=${label} @change=${(e: Event) => {
        const sel = e.target as HTMLSelectElement;
        if (sel.value) add(sel.value);
        sel.value = '';
      }}>
        <option value="">${label}</option>
        ${this._unused(used)}
      </select>`;
    return html`<form aria-label=${t('editServicesFor', { name: c.name })} @submit=${(e: SubmitEvent) => this._onSave(e, c)}>
      ${this._draft.map(
        (tier, i) => html`<div class="tier" data-tier=${i}>
          <span>${t('tierN', { n: i + 1 })}:</span>
          ${tier.map((id) => html`<button type="button" class="chip" data-remove=${id} aria-label=${t('removeService', { name: names[id] ?? id })}
            @click=${() => this._remove(id)}>${names[id] ?? id} ×</button>`)}
          ${picker(`tier-${i}`, t('addToTier'), (id) => (this._draft = this._draft.map((x, k) => (k === i ? [...x, id] : x))))}
        </div>`,
      )}
      <div class="tier">${picker('new-tier', t('addTier'), (id) => (this._draft = [...this._draft, [id]]))}</div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : null}
      <div class="row-buttons">
        <button type="submit" ?disabled=${this.disabled}>${t('save')}</button>
        <button type="button" data-cancel @click=${() => (this._editing = null)}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  /** The site's services not yet on the draft, by agency. */
  private _unused(used: ReadonlySet<string>) {
    const site = this.site;
    if (!site) return null;
    return serviceOptions({ ...site, agencies: site.agencies.map((a) => ({ ...a, services: a.services.filter((s) => !used.has(s.id)) })).filter((a) => a.services.length > 0) }, '');
  }

  private _startEdit(c: CounterDto): void {
    this._editing = c.id;
    this._draft = c.services.map((tier) => [...tier]);
    this._error = '';
  }

  private _remove(id: string): void {
    this._draft = this._draft.map((tier) => tier.filter((x) => x !== id)).filter((tier) => tier.length > 0);
  }

  private _onSave(e: SubmitEvent, c: CounterDto): void {
    e.preventDefault();
    const tiers = this._draft.filter((tier) => tier.length > 0);
    if (tiers.length === 0) {
      this._error = t('err_noServices');
      return;
    }
    this._editing = null;
    this._error = '';
    this._emit({ counterId: c.id, services: tiers });
  }

  private _emit(detail: CounterPatchDetail): void {
    fireUnlessDisabled<CounterPatchDetail>(this, 'loket-counter-patch', detail);
  }
}
customElements.define('loket-counter-board', LoketCounterBoard);

declare global {
  interface HTMLElementTagNameMap {
    'loket-counter-board': LoketCounterBoard;
  }
}
