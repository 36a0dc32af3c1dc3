import { html } from 'lit';
import { t, type MessageKey } from '../i18n/i18n.js';
import { AdminPanel } from './admin-panel.js';
import { DAYS, dayProblems, hhmm, hoursByDay, hoursOfDays, type Day, type DayHours } from './admin-days.js';

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
    const set = (day: Day, patch: Partial<DayHours>) => (this._days = { ...days, [day]: { ...days[day], ...patch } });
    return html`<section aria-labelledby="hrs-title">
      <h2 id="hrs-title">${t('adm_tab_hours')}</h2>
      <p>${t('adm_hoursHelp')}</p>
      <form @submit=${(e: SubmitEvent) => this._onSubmit(e, days)} data-form="hours">
        ${this.table([t('adm_day'), t('adm_open'), t('adm_opensAt'), t('adm_closesAt'), ''], DAYS.map((day) => {
              const d = days[day];
              return html`<tr data-day=${day}>
                <th scope="row">${t(`adm_day_${day}` as MessageKey)}</th>
                <td><input type="checkbox" name=${`${day}-open`} aria-label=${t('adm_open')} .checked=${d.open} @change=${(e: Event) => set(day, { open: (e.target as HTMLInputElement).checked })} /></td>
                <td>${this.timeInput(`${day}-from`, t('adm_opensAt'), d.from, `hours.${day}.0`, (v) => set(day, { from: v }), !d.open)}</td>
                <td>${this.timeInput(`${day}-to`, t('adm_closesAt'), d.to, `hours.${day}.1`, (v) => set(day, { to: v }), !d.open)}</td>
                <td>${d.open ? '' : t('adm_closed')}</td>
              </tr>`;
            }))}
        ${this.saveActions(t('adm_save'), this._days !== null, () => ((this._days = null), (this._problems = {})))}
      </form>
      ${this.renderStatus()}
    </section>`;
  }

  private async _onSubmit(e: SubmitEvent, days: Record<Day, DayHours>): Promise<void> {
    e.preventDefault();
    const hours = hoursOfDays(Object.fromEntries(DAYS.map((d) => [d, { ...days[d], from: hhmm(days[d].from), to: hhmm(days[d].to) }])) as Record<Day, DayHours>);
    if (await this.run(() => this.call('/hours', { method: 'PUT', body: { hours } }), { notice: t('adm_saved', { what: t('adm_tab_hours') }) })) this._days = null;
    // The engine names the saved keys (`hours.mon-thu.1`): show each message on the days it covers.
    else this._problems = { ...this._problems, ...dayProblems(this._problems) };
  }
}
customElements.define('loket-admin-hours', LoketAdminHours);

declare global {
  interface HTMLElementTagNameMap {
    'loket-admin-hours': LoketAdminHours;
  }
}
