import { html } from 'lit';
import { t, type MessageKey } from '../i18n/i18n.js';
import type { BreakDef } from './admin-parts.js';
import { AdminPanel } from './admin-panel.js';
import { DAYS, hhmm } from './admin-days.js';

/** The day choices: each day, and the usual ranges. */
const DAY_KEYS = [...DAYS, 'mon-fri', 'mon-sat', 'mon-sun'];
const dayText = (key: string): string => {
  const k = `adm_day_${key.replace('-', '_')}`;
  return t(k as MessageKey);
};
const FRIDAY_PRAYER = (): BreakDef => ({ days: 'fri', from: '11:30', to: '13:00', name: t('adm_fridayPrayer') });

/**
 * Breaks inside the opening hours (Friday prayer, lunch): the site issues no
 * ticket and offers no booking slot then. Edited as a list, saved at once.
 * @fires loket-admin-changed - after the breaks are saved
 */
export class LoketAdminBreaks extends AdminPanel {
  static override properties = { _rows: { state: true } };
  declare private _rows: BreakDef[] | null;

  constructor() {
    super();
    this._rows = null;
  }

  override render() {
    const rows = this._rows ?? this.config?.breaks ?? [];
    const set = (i: number, patch: Partial<BreakDef>) => (this._rows = rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
    const time = (i: number, r: BreakDef, which: 'from' | 'to') =>
      this.timeInput(`${which}-${i}`, t(which === 'from' ? 'adm_from' : 'adm_to'), r[which], `breaks.${i}.${which}`, (v) => set(i, { [which]: v }));
    return html`<section aria-labelledby="brk-title">
      <h2 id="brk-title">${t('adm_tab_breaks')}</h2>
      <p>${t('adm_breaksHelp')}</p>
      <form @submit=${(e: SubmitEvent) => this._onSubmit(e, rows)} data-form="breaks">
        ${rows.length === 0
          ? html`<p>${t('adm_noBreaks')}</p>`
          : this.table([t('adm_days'), t('adm_from'), t('adm_to'), t('adm_name'), ''], rows.map(
                  (r, i) => html`<tr data-break=${i}>
                    <td>
                      <select name=${`days-${i}`} aria-label=${t('adm_days')} @change=${(e: Event) => set(i, { days: (e.target as HTMLSelectElement).value })}>
                        ${[...new Set([...DAY_KEYS, r.days])].map((k) => html`<option value=${k} ?selected=${k === r.days}>${DAY_KEYS.includes(k) ? dayText(k) : k}</option>`)}
                      </select>
                    </td>
                    <td>${time(i, r, 'from')}</td>
                    <td>${time(i, r, 'to')}</td>
                    <td><input name=${`name-${i}`} aria-label=${t('adm_name')} maxlength="100" .value=${r.name ?? ''} @input=${(e: Event) => set(i, { name: (e.target as HTMLInputElement).value })} /></td>
                    <td><button type="button" class="danger" data-remove=${i} @click=${() => (this._rows = rows.filter((_, k) => k !== i))}>${t('adm_delete')}</button></td>
                  </tr>`,
                ))}
        ${this.saveActions(
          t('adm_save'),
          this._rows !== null,
          () => ((this._rows = null), (this._problems = {})),
          html`<button type="button" data-add-break @click=${() => (this._rows = [...rows, { days: 'mon-fri', from: '12:00', to: '13:00' }])}>${t('adm_addBreak')}</button>
            ${rows.some((r) => r.days === 'fri') ? null : html`<button type="button" data-friday @click=${() => (this._rows = [...rows, FRIDAY_PRAYER()])}>${t('adm_addFridayPrayer')}</button>`}`,
        )}
      </form>
      ${this.renderStatus()}
    </section>`;
  }

  private async _onSubmit(e: SubmitEvent, rows: BreakDef[]): Promise<void> {
    e.preventDefault();
    const breaks = rows.map((r) => ({ days: r.days, from: hhmm(r.from), to: hhmm(r.to), ...(r.name?.trim() ? { name: r.name.trim() } : {}) }));
    if (await this.run(() => this.call('/breaks', { method: 'PUT', body: { breaks } }), { notice: t('adm_saved', { what: t('adm_tab_breaks') }) })) this._rows = null;
  }
}
customElements.define('loket-admin-breaks', LoketAdminBreaks);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-breaks': LoketAdminBreaks;
  }
}
