import { html } from 'lit';
import { lang, t } from '../i18n/i18n.js';
import type { HolidayDef } from './admin-parts.js';
import { AdminPanel } from './admin-panel.js';

const EMPTY: HolidayDef = { date: '', name: '', nameEn: '' };

/** The weekday of a date, in the page's language. */
const weekday = (date: string): string => new Date(`${date}T12:00:00Z`).toLocaleDateString(lang() === 'en' ? 'en-GB' : 'id-ID', { weekday: 'long', timeZone: 'UTC' });

/**
 * Holidays: the site is closed all day (no ticket, no booking slot). Import
 * Indonesia's national holidays of a year (the SKB 3 Menteri list kept in the
 * repository), then add, rename or remove any day.
 * @fires loket-admin-changed - after a change
 */
export class LoketAdminHolidays extends AdminPanel {
  static override properties = { _draft: { state: true }, _editing: { state: true } };
  declare private _draft: HolidayDef;
  declare private _editing: boolean;

  constructor() {
    super();
    this._draft = { ...EMPTY };
    this._editing = false;
  }

  override render() {
    const holidays = this.config?.holidays ?? [];
    const year = new Date().getFullYear();
    const d = this._draft;
    const set = (patch: Partial<HolidayDef>) => (this._draft = { ...this._draft, ...patch });
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
      <form @submit=${this._onSubmit} data-form="holiday">
        ${this.field('date', t('adm_date'), d.date, { type: 'date', required: true, readonly: this._editing, onInput: (v) => set({ date: v }) })}
        ${this.field('name', t('adm_name'), d.name, { required: true, onInput: (v) => set({ name: v }) })}
        ${this.field('nameEn', t('adm_nameEn'), d.nameEn ?? '', { onInput: (v) => set({ nameEn: v }) })}
        <div class="actions">
          ${this.submitButton(this._editing ? t('adm_save') : t('adm_add'))}
          ${this._editing ? html`<button type="button" @click=${this._reset}>${t('adm_cancel')}</button>` : null}
        </div>
      </form>
      ${this.renderStatus()}
      ${holidays.length === 0
        ? html`<p>${t('adm_noHolidays')}</p>`
        : html`<table data-holidays>
            <thead>
              <tr><th>${t('adm_date')}</th><th>${t('adm_day')}</th><th>${t('adm_name')}</th><th>${t('adm_nameEn')}</th><th></th></tr>
            </thead>
            <tbody>
              ${holidays.map(
                (h) => html`<tr data-holiday=${h.date}>
                  <td>${h.date}</td><td>${weekday(h.date)}</td><td>${h.name}</td><td>${h.nameEn ?? ''}</td>
                  <td>
                    <button data-edit=${h.date} @click=${() => this._edit(h)}>${t('adm_edit')}</button>
                    <button class="danger" data-remove=${h.date} @click=${() => this._remove(h)}>${t('adm_delete')}</button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;
  }

  private _edit(h: HolidayDef): void {
    this._editing = true;
    this._draft = { ...h, nameEn: h.nameEn ?? '' };
    this._problems = {};
    this.renderRoot.querySelector('form[data-form=holiday]')?.scrollIntoView?.({ block: 'nearest' });
  }

  private _reset(): void {
    this._editing = false;
    this._draft = { ...EMPTY };
    this._problems = {};
  }

  private _remove(h: HolidayDef): Promise<boolean> {
    return this.run(() => this.call(`/holidays/${encodeURIComponent(h.date)}`, { method: 'DELETE' }), { confirm: t('adm_deleteConfirm', { name: `${h.date} ${h.name}` }) });
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const d = this._draft;
    const body = { date: d.date, name: d.name.trim(), ...(d.nameEn?.trim() ? { nameEn: d.nameEn.trim() } : {}) };
    if (await this.run(() => this.call('/holidays', { method: 'POST', body }), { notice: t('adm_saved', { what: `${d.date} ${d.name}` }) })) this._reset();
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
