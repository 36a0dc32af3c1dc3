/**
 * The one base of the console's panels: what each repeated before (load on connect, a call
 * with the session's token, busy while a change runs, the refusal's message and each field's
 * message next to its field, the notice, telling the console shell to read the definition
 * again) and the choice a `409 STRANDS_TICKETS` offers (move the waiting tickets to another
 * service of the same agency, and save again).
 */
import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { adminApi, fieldProblems, strandedServices, type StrandedService } from '../admin-api.js';
import type { RequestOptions } from '../api.js';
import { sitePath } from '../api.js';
import { errorText } from '../error-text.js';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { hhmm } from './admin-days.js';
import { adminStyles, fieldError, fireChanged, type SiteConfig } from './admin-parts.js';
import { tableStyles } from './table-styles.js';

/** A change a panel runs: `moveStrandedTo` is set when the admin chose to move stranded tickets. */
export type Change = (moveStrandedTo?: string) => Promise<unknown>;

export interface RunOptions {
  /** Shown when the change went through (a function: read after it). */
  notice?: string | (() => string);
  /** The definition changed: the console reads it again (default true). */
  changed?: boolean;
  /** Asked first (`confirm()`); no answer, no change. */
  confirm?: string;
}

export interface FieldOptions {
  type?: string;
  cls?: string;
  /** The engine's path of the field when it is not the input's name (`sla.minutes`). */
  path?: string;
  readonly?: boolean;
  required?: boolean;
  placeholder?: string;
  onInput?: (value: string) => void;
}

export abstract class AdminPanel extends LitElement {
  static override styles = [theme, tableStyles, adminStyles];
  static override properties: PropertyDeclarations = {
    siteId: { type: String },
    token: { type: String },
    config: { attribute: false },
    _problems: { state: true },
    _error: { state: true },
    _notice: { state: true },
    _busy: { state: true },
    _stranded: { state: true },
  };
  declare siteId: string;
  declare token: string;
  /** The live definition (`GET .../config`), given by the console shell. */
  declare config: SiteConfig | null;
  declare protected _problems: Record<string, string>;
  declare protected _error: string;
  declare protected _notice: string;
  declare protected _busy: boolean;
  declare protected _stranded: { services: StrandedService[]; retry: (to: string) => Promise<boolean> } | null;
  protected readonly _lang = new LangController(this);

  constructor() {
    super();
    this.siteId = '';
    this.token = '';
    this.config = null;
    this._problems = {};
    this._error = '';
    this._notice = '';
    this._busy = false;
    this._stranded = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reads what the panel lists beyond `config` (nothing by default). */
  protected async load(): Promise<void> {}

  /** A call of the site's admin API with the session's token. */
  protected call<T>(path: string, opts: Omit<RequestOptions, 'token'> = {}): Promise<T> {
    return adminApi<T>(sitePath(this.siteId, path), { ...opts, token: this.token });
  }

  /** Reads with `call()`; a failure becomes the panel's error. */
  protected async read<T>(path: string, use: (v: T) => void): Promise<void> {
    try {
      use(await this.call<T>(path));
    } catch (err) {
      this._error = errorText(err);
    }
  }

  /**
   * Runs a change: busy meanwhile, then the notice, the panel's `load()` and the console's
   * reload; or the refusal's message and each field's message. True when it went through.
   */
  protected async run(change: Change, o: RunOptions = {}, moveTo?: string): Promise<boolean> {
    if (o.confirm && !confirm(o.confirm)) return false;
    this._busy = true;
    this._error = '';
    this._notice = '';
    this._problems = {};
    this._stranded = null;
    try {
      await change(moveTo);
      this._notice = typeof o.notice === 'function' ? o.notice() : (o.notice ?? '');
      await this.load();
      if (o.changed !== false) fireChanged(this);
      return true;
    } catch (err) {
      this._problems = fieldProblems(err);
      this._error = errorText(err);
      const services = strandedServices(err);
      if (services.length) this._stranded = { services, retry: (to) => this.run(change, o, to) };
      return false;
    } finally {
      this._busy = false;
    }
  }

  /** The engine's message for a field (by its path), tied to it by `aria-describedby`. */
  protected errorAt(path: string) {
    return fieldError(this._problems, path);
  }

  /** A labelled input with its field message. */
  protected field(name: string, label: string, value: string, o: FieldOptions = {}): TemplateResult {
    const path = o.path ?? name;
    return html`<label
      >${label}<input
        name=${name}
        type=${o.type ?? 'text'}
        class=${o.cls ?? ''}
        step=${o.type === 'number' ? 'any' : nothing}
        placeholder=${o.placeholder ?? nothing}
        .value=${value}
        ?readonly=${o.readonly ?? false}
        ?required=${o.required ?? false}
        aria-invalid=${this._problems[path] ? 'true' : 'false'}
        aria-describedby=${`err-${path}`}
        @input=${(e: Event) => o.onInput?.((e.target as HTMLInputElement).value)} />${this.errorAt(path)}</label
    >`;
  }

  /** The save button: disabled and saying so while a change runs. */
  protected submitButton(label: string): TemplateResult {
    return html`<button class="primary" type="submit" ?disabled=${this._busy} aria-busy=${this._busy ? 'true' : 'false'}>${this._busy ? t('adm_saving') : label}</button>`;
  }

  /**
   * A 24-hour time field (`07:30`; `7.30` is read the same): a text field, since a browser's
   * time picker follows its own locale and may show AM/PM.
   */
  protected timeInput(name: string, label: string, value: string, path: string, set: (v: string) => void, disabled = false): TemplateResult {
    return html`<input
        name=${name}
        class="time"
        inputmode="numeric"
        maxlength="5"
        placeholder="07:30"
        aria-label=${label}
        .value=${value}
        ?disabled=${disabled}
        aria-invalid=${this._problems[path] ? 'true' : 'false'}
        aria-describedby=${`err-${path}`}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
        @change=${(e: Event) => set(hhmm((e.target as HTMLInputElement).value))} />${this.errorAt(path)}`;
  }

  /** The form's submit button, and Cancel (which calls `cancel`) while `dirty`. */
  protected saveActions(label: string, dirty: boolean, cancel: () => void, extra: unknown = nothing): TemplateResult {
    return html`<div class="actions">
      ${extra} ${this.submitButton(label)} ${dirty ? html`<button type="button" @click=${cancel}>${t('adm_cancel')}</button>` : nothing}
    </div>`;
  }

  /** A list: one header row, then the rows. */
  protected table(heads: readonly string[], rows: unknown): TemplateResult {
    return html`<table>
      <thead>
        <tr>
          ${heads.map((h) => html`<th>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
  }

  /** The refusal, the notice, and the stranded tickets' choice. */
  protected renderStatus(): TemplateResult {
    return html`<p class="error" role="alert">${this._error}</p>
      ${this._stranded ? this._renderStranded(this._stranded) : nothing}
      <p class="notice" role="status">${this._notice}</p>`;
  }

  private _renderStranded(s: NonNullable<AdminPanel['_stranded']>): TemplateResult {
    const all = (this.config?.agencies ?? []).flatMap((a) => a.services.map((x) => ({ ...x, agencyId: a.id })));
    const leaving = new Set(s.services.map((x) => x.service));
    const agencies = new Set(all.filter((x) => leaving.has(x.id)).map((x) => x.agencyId));
    const targets = all.filter((x) => agencies.has(x.agencyId) && !leaving.has(x.id));
    const name = (id: string) => all.find((x) => x.id === id)?.name ?? id;
    const go = (e: SubmitEvent) => {
      e.preventDefault();
      const to = String(new FormData(e.target as HTMLFormElement).get('moveTo') ?? '');
      if (to) void s.retry(to);
    };
    return html`<form class="stranded" data-stranded @submit=${go}>
      <p>${s.services.map((x) => t('adm_strandedWaiting', { n: x.waiting, service: name(x.service) })).join(' ')}</p>
      ${targets.length
        ? html`<label
              >${t('adm_moveTo')}<select name="moveTo" required>
                ${targets.map((x) => html`<option value=${x.id}>${x.prefix} · ${x.name}</option>`)}
              </select></label
            >
            <div class="actions">
              ${this.submitButton(t('adm_moveAndSave'))}
              <button type="button" @click=${() => (this._stranded = null)}>${t('adm_cancel')}</button>
            </div>`
        : html`<p>${t('adm_noMoveTarget')}</p>`}
    </form>`;
  }
}
