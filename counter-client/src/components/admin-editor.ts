/**
 * A panel with one form that adds an entry or edits the one picked in its list (services,
 * counters, holidays, displays): the draft, which entry is edited, the form's buttons, the
 * list's edit and remove buttons, and the add (`POST`) or save (`PATCH .../:key`) call.
 */
import { html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { t } from '../i18n/i18n.js';
import { AdminPanel, type Change } from './admin-panel.js';

export abstract class EditorPanel<D extends object> extends AdminPanel {
  static override properties: PropertyDeclarations = { _draft: { state: true }, _editing: { state: true } };
  /** What the form shows. */
  declare protected _draft: D;
  /** The key of the entry being edited, or null when the form adds one. */
  declare protected _editing: string | null;

  /** An empty form. */
  protected abstract blank(): D;

  /** Sends the form's draft (its add or save call, then `saveDraft`). */
  protected abstract submitDraft(d: D): Promise<void>;

  /** The form's submit handler. */
  protected readonly onSubmitForm = (e: SubmitEvent): void => {
    e.preventDefault();
    void this.submitDraft(this._draft);
  };

  constructor() {
    super();
    this._draft = this.blank();
    this._editing = null;
  }

  protected setDraft(patch: Partial<D>): void {
    this._draft = { ...this._draft, ...patch };
  }

  protected edit(key: string, draft: D): void {
    this._editing = key;
    this._draft = draft;
    this._problems = {};
    this._notice = '';
    this._stranded = null;
    this.renderRoot.querySelector('form')?.scrollIntoView?.({ block: 'nearest' });
  }

  protected reset(): void {
    this._editing = null;
    this._draft = this.blank();
    this._problems = {};
  }

  /** `POST <collection>` when adding, `PATCH <collection>/<key><query>` when editing. */
  protected upsert(collection: string, body: Record<string, unknown>, query: (moveTo?: string) => string = () => ''): Change {
    const key = this._editing;
    return (moveTo) => this.call(key ? `${collection}/${encodeURIComponent(key)}${query(moveTo)}` : collection, { method: key ? 'PATCH' : 'POST', body });
  }

  /** Runs the form's change; the form empties when it went through. */
  protected async saveDraft(change: Change, notice: string): Promise<void> {
    if (await this.run(change, { notice })) this.reset();
  }

  /** Add or Save, and Cancel while editing. */
  protected formActions(): TemplateResult {
    return this.saveActions(this._editing ? t('adm_save') : t('adm_add'), this._editing !== null, () => this.reset());
  }

  /** A list row's Edit button (and Remove, asked first, when `remove` names the entry's path). */
  protected rowButtons(key: string, draft: () => D, remove?: { path: string; name: string }): TemplateResult {
    return html`<button data-edit=${key} @click=${() => this.edit(key, draft())}>${t('adm_edit')}</button>
      ${remove
        ? html`<button class="danger" data-remove=${key} @click=${() => this.run(() => this.call(remove.path, { method: 'DELETE' }), { confirm: t('adm_deleteConfirm', { name: remove.name }) })}>
            ${t('adm_delete')}
          </button>`
        : null}`;
  }
}
