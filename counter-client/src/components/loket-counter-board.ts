import { LitElement, css, html } from 'lit';
import type { CounterDto, CounterStatus, SiteInfo } from '@loket/engine/protocol';
import { ClockController } from '@loket/web-common/clock-controller';
import { serverNow } from '@loket/web-common/server-clock';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { formatTiers, parseTiers } from '../tiers.js';
import { elapsed } from '../time-format.js';
import { fireUnlessDisabled } from './fire-event.js';
import './loket-status-buttons.js';
import { tableStyles } from './table-styles.js';

export interface CounterPatchDetail {
  counterId: string;
  status?: CounterStatus;
  services?: string[][];
}

/**
 * Every counter: status, services (tiers), current ticket and its time, with
 * controls to open/pause/close it and edit its services.
 * @fires loket-counter-patch - `CustomEvent<CounterPatchDetail>` to change a counter
 * @csspart table - the table
 */
export class LoketCounterBoard extends LitElement {
  static override styles = [
    theme,
    tableStyles,
    css`
      form {
        display: flex;
        gap: 0.4rem;
      }
      input {
        width: 14rem;
      }
      button {
        min-height: 2.5rem;
        padding: 0.2rem 0.6rem;
      }
      .ticket {
        font-weight: 800;
        font-size: 1.2rem;
      }
    `,
  ];

  static override properties = {
    site: { attribute: false },
    counters: { attribute: false },
    disabled: { type: Boolean },
    _drafts: { state: true },
    _errors: { state: true },
  };
  /** Agency names and known services. */
  declare site: SiteInfo | null;
  /** All counters of the site, live. */
  declare counters: CounterDto[];
  /** A change is in flight. */
  declare disabled: boolean;
  declare private _drafts: Record<string, string>;
  declare private _errors: Record<string, string>;
  private readonly _lang = new LangController(this);
  private readonly _clock = new ClockController(this, serverNow);

  constructor() {
    super();
    this.site = null;
    this.counters = [];
    this.disabled = false;
    this._drafts = {};
    this._errors = {};
  }

  override render() {
    const agencyName = new Map((this.site?.agencies ?? []).map((a) => [a.id, a.name]));
    return html`<section aria-labelledby="cb-h">
      <h2 id="cb-h">${t('floorCounters')}</h2>
      <p>${t('editServices')}</p>
      <table part="table">
        <thead>
          <tr>
            <th scope="col">${t('counter')}</th>
            <th scope="col">${t('agency')}</th>
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
    const draft = this._drafts[c.id] ?? formatTiers(c.services);
    const err = this._errors[c.id] ?? '';
    return html`<tr data-counter=${c.id} data-status=${c.status}>
      <th scope="row">${c.name}</th>
      <td>${agency}</td>
      <td>
        <loket-status-buttons compact .status=${c.status} .label=${t('statusOf', { name: c.name })} ?disabled=${this.disabled}
          @loket-status=${(e: CustomEvent<{ status: CounterStatus }>) => this._emit({ counterId: c.id, status: e.detail.status })}></loket-status-buttons>
      </td>
      <td>
        <form @submit=${(e: SubmitEvent) => this._onSave(e, c)}>
          <input name="services" aria-label=${t('editServicesFor', { name: c.name })} .value=${draft} data-services-input
            aria-invalid=${err ? 'true' : 'false'} @input=${(e: Event) => this._onDraft(c.id, e)} />
          <button type="submit" ?disabled=${this.disabled}>${t('save')}</button>
        </form>
        ${err ? html`<p class="error" role="alert">${err}</p>` : null}
        <span data-current-services hidden>${formatTiers(c.services)}</span>
      </td>
      <td class="ticket">${cur ? cur.number : t('none')}</td>
      <td class="n">${cur ? elapsed(cur.calledAt, this._clock.now) : t('none')}</td>
    </tr>`;
  }

  private _onDraft(counterId: string, e: Event): void {
    this._drafts = { ...this._drafts, [counterId]: (e.target as HTMLInputElement).value };
  }

  private _onSave(e: SubmitEvent, c: CounterDto): void {
    e.preventDefault();
    const text = this._drafts[c.id] ?? formatTiers(c.services);
    const known = new Set((this.site?.agencies ?? []).flatMap((a) => a.services.map((s) => s.id)));
    const parsed = parseTiers(text, known);
    if (!parsed.ok) {
      this._errors = { ...this._errors, [c.id]: parsed.reason === 'unknown' ? t('err_unknownService', { id: parsed.id }) : t('err_tiers') };
      return;
    }
    const { [c.id]: _dropDraft, ...drafts } = this._drafts;
    const { [c.id]: _dropErr, ...errors } = this._errors;
    this._drafts = drafts;
    this._errors = errors;
    this._emit({ counterId: c.id, services: parsed.tiers });
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
