import { html } from 'lit';
import { t, type MessageKey } from '../i18n/i18n.js';
import { fieldError } from './admin-parts.js';
import { AdminPanel } from './admin-panel.js';
import { DAYS, dayProblems, hoursByDay, hoursOfDays, type Day, type DayHours } from './admin-days.js';

/**
 * Opening hours per weekday: open or closed, from and to. Saved as the site
 * file's keys (`mon-thu`), applied at once: kiosks refuse tickets outside them.
 * @fires loket-admin-changed - after the hours are saved
 */
export class LoketAdminHours extends AdminPanel {
  static override properties = { _days: { state: true } };
  declare private _days: Record<Day, DayHours> | null;

  constructor() {
    super();
    this._days = null;
  }

  override render() {
    const days = this._days ?? hoursByDay(this.config?.hours ?? {});
    const errors = dayProblems(this._problems);
    const set = (day: Day, patch: Partial<DayHours>) => (this._days = { ...days, [day]: { ...days[day], ...patch } });
    return html`<section aria-labelledby="hrs-title">
      <h2 id="hrs-title">${t('adm_tab_hours')}</h2>
      <p>${t('adm_hoursHelp')}</p>
      <form @submit=${(e: SubmitEvent) => this._onSubmit(e, days)} data-form="hours">
        ${this.table([t('adm_day'), t('adm_open'), t('adm_opensAt'), t('adm_closesAt'), ''], DAYS.map((day) => {
              const d = days[day];
              const path = `hours.${day}`;
              return html`<tr data-day=${day}>
                <th scope="row">${t(`adm_day_${day}` as MessageKey)}</th>
                <td><input type="checkbox" name=${`${day}-open`} aria-label=${t('adm_open')} .checked=${d.open} @change=${(e: Event) => set(day, { open: (e.target as HTMLInputElement).checked })} /></td>
                <td><input type="time" name=${`${day}-from`} aria-label=${t('adm_opensAt')} .value=${d.from} ?disabled=${!d.open} @input=${(e: Event) => set(day, { from: (e.target as HTMLInputElement).value })} /></td>
                <td>
                  <input
                    type="time"
                    name=${`${day}-to`}
                    aria-label=${t('adm_closesAt')}
                    .value=${d.to}
                    ?disabled=${!d.open}
                    aria-invalid=${errors[day] ? 'true' : 'false'}
                    aria-describedby=${`err-${path}`}
                    @input=${(e: Event) => set(day, { to: (e.target as HTMLInputElement).value })} />
                </td>
                <td>${d.open ? fieldError({ [path]: errors[day] ?? '' }, path) : t('adm_closed')}</td>
              </tr>`;
            }))}
        ${this.saveActions(t('adm_save'), this._days !== null, () => ((this._days = null), (this._problems = {})))}
      </form>
      ${this.renderStatus()}
    </section>`;
  }

  private async _onSubmit(e: SubmitEvent, days: Record<Day, DayHours>): Promise<void> {
    e.preventDefault();
    const hours = hoursOfDays(days);
    if (await this.run(() => this.call('/hours', { method: 'PUT', body: { hours } }), { notice: t('adm_saved', { what: t('adm_tab_hours') }) })) this._days = null;
  }
}
customElements.define('loket-admin-hours', LoketAdminHours);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-hours': LoketAdminHours;
  }
}
