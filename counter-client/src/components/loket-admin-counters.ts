import { html } from 'lit';
import { t } from '../i18n/i18n.js';
import { type CounterDef } from './admin-parts.js';
import { EditorPanel } from './admin-editor.js';

interface Draft {
  id: string;
  name: string;
  agencyId: string;
  /** Tier 1 and tier 2: service ids picked from the agency's services. */
  tiers: [string[], string[]];
  /** Tiers 3 and beyond of an edited counter: not in the form, kept as they are. */
  rest: string[][];
}
const toDraft = (c: CounterDef): Draft => ({ id: c.id, name: c.name ?? '', agencyId: c.agencyId, tiers: [[...(c.services[0] ?? [])], [...(c.services[1] ?? [])]], rest: c.services.slice(2) });

/** `?moveStrandedTo=<service>` when the admin chose where stranded tickets go. */
const moveQuery = (to?: string) => (to ? `?moveStrandedTo=${encodeURIComponent(to)}` : '');

/**
 * Counters: the list, and a form that adds one or edits one (agency, then its
 * tiers picked from that agency's services). An edit that would leave waiting
 * tickets without a counter offers to move them.
 * @fires loket-admin-changed - after a counter is saved
 */
export class LoketAdminCounters extends EditorPanel<Draft> {
  protected blank(): Draft {
    return { id: '', name: '', agencyId: '', tiers: [[], []], rest: [] };
  }

  override render() {
    const agencies = this.config?.agencies ?? [];
    const d = this._draft;
    const agency = agencies.find((a) => a.id === d.agencyId);
    const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
    const tierField = (tier: 0 | 1) =>
      html`<fieldset data-tier=${tier + 1}>
        <legend>${t('adm_tier', { n: tier + 1 })}</legend>
        ${(agency?.services ?? []).map(
          (s) =>
            html`<label
              ><input type="checkbox" name=${`tier${tier + 1}`} value=${s.id} .checked=${d.tiers[tier].includes(s.id)} @change=${(e: Event) => this._pick(tier, s.id, (e.target as HTMLInputElement).checked)} />
              ${s.prefix} · ${s.name}</label
            >`,
        )}
        ${this.errorAt(tier === 0 ? 'services' : 'services.1')}
      </fieldset>`;
    return html`<section aria-labelledby="ctr-title">
      <h2 id="ctr-title">${t('adm_tab_counters')}</h2>
      <form @submit=${this.onSubmitForm} data-form="counter">
        ${this.field('id', t('adm_id'), d.id, { cls: 'short', required: true, readonly: this._editing !== null, onInput: (v) => this.setDraft({ id: v }) })}
        ${this.field('name', t('adm_name'), d.name, { onInput: (v) => this.setDraft({ name: v }) })}
        <label
          >${t('adm_agency')}<select name="agencyId" required @change=${(e: Event) => this.setDraft({ agencyId: (e.target as HTMLSelectElement).value, tiers: [[], []], rest: [] })}>
            <option value="">—</option>
            ${agencies.map((a) => html`<option value=${a.id} ?selected=${a.id === d.agencyId}>${a.name}</option>`)}
          </select>${this.errorAt('agencyId')}</label
        >
        ${agency ? html`${tierField(0)} ${tierField(1)}` : html`<p>${t('adm_pickAgency')}</p>`}
        ${this.formActions()}
      </form>
      ${this.renderStatus()}
      ${this.table([t('adm_id'), t('adm_name'), t('adm_agency'), t('adm_tiers'), ''], (this.config?.counters ?? []).map(
            (c) => html`<tr data-counter=${c.id}>
              <td>${c.id}</td><td>${c.name ?? `Loket ${c.id}`}</td><td>${agencyName(c.agencyId)}</td><td>${c.services.map((tier) => tier.join(', ')).join(' | ')}</td>
              <td>${this.rowButtons(c.id, () => toDraft(c))}</td>
            </tr>`,
          ))}
    </section>`;
  }

  private _pick(tier: 0 | 1, serviceId: string, on: boolean): void {
    const tiers: [string[], string[]] = [[...this._draft.tiers[0]], [...this._draft.tiers[1]]];
    tiers[tier] = on ? [...tiers[tier].filter((s) => s !== serviceId), serviceId] : tiers[tier].filter((s) => s !== serviceId);
    if (on) tiers[tier === 0 ? 1 : 0] = tiers[tier === 0 ? 1 : 0].filter((s) => s !== serviceId);
    this.setDraft({ tiers });
  }

  protected async submitDraft(d: Draft): Promise<void> {
    const services = [...d.tiers, ...d.rest].filter((tier) => tier.length > 0);
    const body: Record<string, unknown> = { name: d.name.trim() || undefined, agencyId: d.agencyId, services };
    if (!this._editing) body.id = d.id;
    await this.saveDraft(this.upsert('/counters', body, moveQuery), t('adm_saved', { what: d.name || d.id }));
  }
}
customElements.define('loket-admin-counters', LoketAdminCounters);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-counters': LoketAdminCounters;
  }
}
