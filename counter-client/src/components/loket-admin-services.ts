import { html } from 'lit';
import { t } from '../i18n/i18n.js';
import { type ServiceDef } from './admin-parts.js';
import { EditorPanel } from './admin-editor.js';

type Draft = Record<string, string>;
const EMPTY: Draft = { agencyId: '', id: '', prefix: '', name: '', nameEn: '', avgServiceMinutes: '', slaMinutes: '30', quotaPerDay: '' };

const toDraft = (agencyId: string, s: ServiceDef): Draft => ({
  agencyId,
  id: s.id,
  prefix: s.prefix,
  name: s.name,
  nameEn: s.nameEn ?? '',
  avgServiceMinutes: String(s.avgServiceMinutes),
  slaMinutes: String(s.sla?.minutes ?? 30),
  quotaPerDay: s.quotaPerDay === undefined ? '' : String(s.quotaPerDay),
});

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s));

/**
 * Services of each agency: the list, and a form that adds one or edits one.
 * A refused field shows the engine's message next to it.
 * @fires loket-admin-changed - after a service is saved
 */
export class LoketAdminServices extends EditorPanel<Draft> {
  protected blank(): Draft {
    return { ...EMPTY };
  }

  override render() {
    const agencies = this.config?.agencies ?? [];
    const d = this._draft;
    const input = (name: string, label: string, type = 'text', cls = '', path = name) =>
      this.field(name, label, d[name] ?? '', { type, cls, path, readonly: name === 'id' && this._editing !== null, onInput: (v) => this.setDraft({ [name]: v }) });
    return html`<section aria-labelledby="svc-title">
      <h2 id="svc-title">${t('adm_tab_services')}</h2>
      <form @submit=${this.onSubmitForm} data-form="service">
        <label
          >${t('adm_agency')}<select name="agencyId" required .value=${d.agencyId} @change=${(e: Event) => this.setDraft({ agencyId: (e.target as HTMLSelectElement).value })}>
            <option value="">—</option>
            ${agencies.map((a) => html`<option value=${a.id} ?selected=${a.id === d.agencyId}>${a.name}</option>`)}
          </select>${this.errorAt('agencyId')}</label
        >
        ${input('id', t('adm_id'), 'text', 'short')} ${input('prefix', t('adm_prefix'), 'text', 'short')} ${input('name', t('adm_name'))}
        ${input('nameEn', t('adm_nameEn'))} ${input('avgServiceMinutes', t('adm_avgMinutes'), 'number', 'short')}
        ${input('slaMinutes', t('adm_slaMinutes'), 'number', 'short', 'sla.minutes')} ${input('quotaPerDay', t('adm_quota'), 'number', 'short')}
        ${this.formActions()}
      </form>
      ${this.renderStatus()}
      ${this.table([t('adm_id'), t('adm_prefix'), t('adm_name'), t('adm_nameEn'), t('adm_avgMinutes'), t('adm_slaMinutes'), t('adm_quota'), ''], agencies.map(
            (a) => html`<tr class="agency"><th colspan="8">${a.name}</th></tr>
              ${a.services.map(
                (s) => html`<tr data-service=${s.id}>
                  <td>${s.id}</td><td>${s.prefix}</td><td>${s.name}</td><td>${s.nameEn ?? ''}</td>
                  <td class="n">${s.avgServiceMinutes}</td><td class="n">${s.sla?.minutes ?? ''}</td><td class="n">${s.quotaPerDay ?? '—'}</td>
                  <td>${this.rowButtons(s.id, () => toDraft(a.id, s))}</td>
                </tr>`,
              )}`,
          ))}
    </section>`;
  }

  protected async submitDraft(d: Draft): Promise<void> {
    const editing = this._editing;
    const current = this.config?.agencies.flatMap((a) => a.services).find((s) => s.id === editing);
    const body: Record<string, unknown> = {
      agencyId: d.agencyId,
      prefix: d.prefix,
      name: d.name,
      nameEn: d.nameEn?.trim() ? d.nameEn : undefined,
      avgServiceMinutes: num(d.avgServiceMinutes),
      sla: { minutes: num(d.slaMinutes), share: current?.sla?.share ?? 0.8 },
      quotaPerDay: num(d.quotaPerDay),
    };
    if (!editing) body.id = d.id;
    await this.saveDraft(this.upsert('/services', body), t('adm_saved', { what: `${d.prefix} · ${d.name}` }));
  }
}
customElements.define('loket-admin-services', LoketAdminServices);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-services': LoketAdminServices;
  }
}
