import { LitElement, css, html, nothing } from 'lit';
import type { IkmElement } from '@loket/engine/protocol';
import { t, type Locale, type MessageKey } from '../i18n/messages.js';
import { ApiError, apiRequest } from '../net/api.js';

/** The survey elements in order (protocol types are imported as types only, so the list is restated). */
const IKM_ELEMENTS: readonly IkmElement[] = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];

type Phase = 'idle' | 'sending' | 'done' | 'exists' | 'error';

/**
 * The nine-question citizen satisfaction survey (IKM, Permenpan RB 14/2017),
 * answers 1-4, sent once per finished ticket.
 *
 * @fires loket-feedback-sent - after the engine accepted the answers.
 * @csspart form - the survey form.
 */
export class LoketIkmSurvey extends LitElement {
  static override styles = css`
    :host {
      display: block;
      text-align: left;
    }
    form {
      display: grid;
      gap: 1rem;
    }
    h2 {
      margin: 0;
      font-size: 1.3rem;
    }
    fieldset {
      border: 2px solid #c5cde0;
      border-radius: 10px;
      padding: 0.5rem 0.75rem 0.75rem;
      margin: 0;
    }
    legend {
      font-weight: 700;
      padding: 0 0.25rem;
    }
    .opts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
      gap: 0.4rem;
    }
    /* One question a screen on a 390x844 phone: tight spacing, the intro small. */
    .q {
      display: grid;
      gap: 0.5rem;
    }
    .q p {
      margin: 0;
    }
    .intro {
      font-size: 0.95rem;
      color: #4a5670;
    }
    .legend {
      margin: 0;
      font-size: 1.25rem;
      font-weight: 700;
    }
    .progress {
      margin: 0;
      color: #4a5670;
    }
    .opts {
      grid-template-columns: 1fr;
    }
    button.opt {
      min-height: 64px;
      font-size: 1.15rem;
      text-align: left;
      padding: 0 1rem;
    }
    button.opt[aria-pressed='true'] {
      outline: 4px solid #ffb000;
    }
    .nav {
      display: flex;
      gap: 0.5rem;
    }
    .nav button {
      flex: 1;
    }
    button.secondary {
      background: #fff;
      color: #0b3d91;
      border: 2px solid #0b3d91;
    }
    textarea {
      font: inherit;
      width: 100%;
      box-sizing: border-box;
      min-height: 5rem;
    }
    button {
      font: inherit;
      min-height: 56px;
      border: 0;
      border-radius: 10px;
      background: #0b3d91;
      color: #fff;
      font-weight: 700;
    }
    .done {
      font-weight: 700;
      font-size: 1.2rem;
    }
  `;

  static override properties = {
    statusToken: { type: String, attribute: 'status-token' },
    apiBase: { type: String, attribute: 'api-base' },
    locale: { type: String },
    _phase: { state: true },
    _step: { state: true },
  };

  /** The ticket's status token. */
  declare statusToken: string;
  /** Engine origin; empty = this page. */
  declare apiBase: string;
  declare locale: Locale;
  declare private _phase: Phase;
  /** The question on screen (index into IKM_ELEMENTS); its length = the comment and send screen. */
  declare private _step: number;
  private readonly _answers: Partial<Record<IkmElement, number>> = {};

  constructor() {
    super();
    this.statusToken = '';
    this.apiBase = '';
    this.locale = 'id';
    this._phase = 'idle';
    this._step = 0;
  }

  override render() {
    if (this._phase === 'done') return html`<p class="done" role="status" data-testid="ikm-done">${t(this.locale, 'ikm.thanks')}</p>`;
    if (this._phase === 'exists') return html`<p class="done" role="status">${t(this.locale, 'ikm.already')}</p>`;
    const n = IKM_ELEMENTS.length;
    const progress = html`<p class="progress" data-testid="ikm-progress">${t(this.locale, 'ikm.progress', { i: Math.min(this._step + 1, n + 1), n: n + 1 })}</p>`;
    if (this._step < n) {
      const u = IKM_ELEMENTS[this._step]!;
      const labels = t(this.locale, `ikm.${u}.a` as MessageKey).split('|');
      return html`<div part="form" class="q" data-question=${u}>
        <h2>${t(this.locale, 'ikm.title')}</h2>
        ${this._step === 0 ? html`<p class="intro">${t(this.locale, 'ikm.intro')}</p>` : nothing}
        ${progress}
        <p class="legend" id="q">${t(this.locale, `ikm.${u}` as MessageKey)}</p>
        <div class="opts" role="group" aria-labelledby="q">
          ${labels.map(
            (label, i) => html`<button class="opt" data-answer=${String(i + 1)} aria-pressed=${this._answers[u] === i + 1 ? 'true' : 'false'}
              @click=${() => this._answer(u, i + 1)}>${label}</button>`,
          )}
        </div>
        <div class="nav">
          ${this._step > 0 ? html`<button class="secondary" data-action="prev" @click=${() => this._step--}>${t(this.locale, 'ikm.prev')}</button>` : nothing}
          <button class="secondary" data-action="skip" @click=${() => this._step++}>${t(this.locale, 'ikm.skip')}</button>
        </div>
      </div>`;
    }
    return html`<form part="form" @submit=${this._onSubmit}>
      <h2>${t(this.locale, 'ikm.title')}</h2>
      ${progress}
      <label>${t(this.locale, 'ikm.comment')}<textarea name="comment" maxlength="500"></textarea></label>
      ${this._phase === 'error' ? html`<p role="alert">${t(this.locale, 'error.generic')}</p>` : null}
      <button type="submit" ?disabled=${this._phase === 'sending'}>
        ${t(this.locale, this._phase === 'sending' ? 'ikm.sending' : 'ikm.submit')}
      </button>
      <div class="nav"><button type="button" class="secondary" data-action="prev" @click=${() => this._step--}>${t(this.locale, 'ikm.prev')}</button></div>
    </form>`;
  }

  private _answer(u: IkmElement, value: number): void {
    this._answers[u] = value;
    this._step++;
  }

  private async _onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const answers: Partial<Record<IkmElement, number>> = { ...this._answers };
    const comment = String(data.get('comment') ?? '').trim();
    this._phase = 'sending';
    try {
      await apiRequest(this.apiBase, 'POST', `/api/v1/public/tickets/${encodeURIComponent(this.statusToken)}/feedback`, {
        body: comment ? { answers, comment } : { answers },
      });
      this._phase = 'done';
      this.dispatchEvent(new CustomEvent('loket-feedback-sent', { bubbles: true, composed: true }));
    } catch (err) {
      this._phase = err instanceof ApiError && err.code === 'FEEDBACK_EXISTS' ? 'exists' : 'error';
    }
  }
}

customElements.define('loket-ikm-survey', LoketIkmSurvey);

declare global {
  interface HTMLElementTagNameMap {
    'loket-ikm-survey': LoketIkmSurvey;
  }
}
