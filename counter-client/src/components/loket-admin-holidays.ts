import { html } from 'lit';
import { lang, t } from '../i18n/i18n.js';
import type { HolidayDef } from './admin-parts.js';
import { EditorPanel } from './admin-editor.js';

/** The weekday of a date, in the page's language. */
const weekday = (date: string): string => new Date(`${date}T12:00:00Z`).toLocaleDateString(lang() === 'en' ? 'en-GB' : 'id-ID', { weekday: 'long', timeZone: 'UTC' });

/**
 * Holidays: the site is closed all day (no ticket, no booking slot). Import
 * Indonesia's national holidays of a year (the SKB 3 Menteri list kept in the
 * repository), then add, rename or remove any day.
 * @fires loket-admin-changed - after a change
 */
export class LoketAdminHolidays extends EditorPanel<HolidayDef> {
  protected blank(): HolidayDef {
    return { date: '', name: '', nameEn: '' };
  }

  override render() {
    const holidays = this.config?.holidays ?? [];
    const year = new Date().getFullYear();
    const d = this._draft;
    const set = (patch: Partial<HolidayDef>) => this.setDraft(patch);
    return html`<section aria-labelledby="hol-title">
      <h2 id="hol-title">${t('adm_tab_holidays')}</h2>
      <form @submit=${this._onImport} data-form="holiday-import">
        <label
          >${t('adm_year')}<select name="year">
            ${[year, year + 1].map((y) => html`<option value=${y}>${y}</option>`)}
          </select>${this.errorAt('year')}</label
        >
        <label class="check"><input type="checkbox" name="cutiBersama" checked /> ${t('adm_withCutiBersama')}</label>
        <div class="actions">${this.submitButton(t('adm_importNational'))}</div>
        <p class="hint">${t('adm_importHelp')}</p>
      </form>
      <form @submit=${this.onSubmitForm} data-form="holiday">
        ${this.field('date', t('adm_date'), d.date, { type: 'date', required: true, readonly: this._editing !== null, onInput: (v) => set({ date: v }) })}
        ${this.field('name', t('adm_name'), d.name, { required: true, onInput: (v) => set({ name: v }) })}
        ${this.field('nameEn', t('adm_nameEn'), d.nameEn ?? '', { onInput: (v) => set({ nameEn: v }) })}
        ${this.formActions()}
      </form>
      ${this.renderStatus()}
      ${holidays.length === 0
        ? html`<p>${t('adm_noHolidays')}</p>`
        : this.table([t('adm_date'), t('adm_day'), t('adm_name'), t('adm_nameEn'), ''], holidays.map(
                (h) => html`<tr data-holiday=${h.date}>
                  <td>${h.date}</td><td>${weekday(h.date)}</td><td>${h.name}</td><td>${h.nameEn ?? ''}</td>
                  <td>${this.rowButtons(h.date, () => ({ ...h, nameEn: h.nameEn ?? '' }), { path: `/holidays/${encodeURIComponent(h.date)}`, name: `${h.date} ${h.name}` })}</td>
                </tr>`,
              ))}
    </section>`;
  }

  protected async submitDraft(d: HolidayDef): Promise<void> {
    const body = { date: d.date, name: d.name.trim(), ...(d.nameEn?.trim() ? { nameEn: d.nameEn.trim() } : {}) };
    // Adding and renaming are one call: the date is the key.
    await this.saveDraft(() => this.call('/holidays', { method: 'POST', body }), t('adm_saved', { what: `${d.date} ${d.name}` }));
  }

  private async _onImport(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const year = Number(data.get('year'));
    let imported = 0;
    await this.run(
      async () => {
        imported = (await this.call<{ imported: number }>('/holidays/import', { method: 'POST', body: { year, cutiBersama: data.get('cutiBersama') === 'on' } })).imported;
      },
      { notice: () => t('adm_imported', { n: imported, year }) },
    );
  }
}
customElements.define('loket-admin-holidays', LoketAdminHolidays);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-holidays': LoketAdminHolidays;
  }
}
