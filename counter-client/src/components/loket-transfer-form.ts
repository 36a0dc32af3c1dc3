import { LitElement, css, html } from 'lit';
import type { SiteInfo } from '@loket/engine/protocol';
import type { QueuePosition } from '../desk-actions.js';
import { LangController, t } from '../i18n/i18n.js';
import { theme } from '../theme.js';
import { fireUnlessDisabled } from './fire-event.js';
import { serviceOptions } from './service-options.js';
import { pickerRowStyles, positionField, positionOf } from './transfer-fields.js';

export interface TransferDetail {
  serviceId: string;
  position: QueuePosition;
}

/**
 * Sends the current ticket to another service (any agency), front or back of its queue.
 * @fires loket-transfer - `CustomEvent<TransferDetail>` when the transfer button is pressed
 * @csspart form - the form
 */
export class LoketTransferForm extends LitElement {
  static override styles = [
    theme,
    pickerRowStyles,
    css`
      select {
        max-width: 28rem;
      }
    `,
  ];

  static override properties = {
    site: { attribute: false },
    disabled: { type: Boolean },
    _serviceId: { state: true },
    _position: { state: true },
  };
  /** Source of the service list. */
  declare site: SiteInfo | null;
  /** No ticket to transfer, or a request is in flight. */
  declare disabled: boolean;
  declare private _serviceId: string;
  declare private _position: QueuePosition;
  private readonly _lang = new LangController(this);

  constructor() {
    super();
    this.site = null;
    this.disabled = true;
    this._serviceId = '';
    this._position = 'back';
  }

  /** Moves the keyboard focus to the service picker (shortcut F8). */
  override focus(): void {
    this.renderRoot.querySelector('select')?.focus();
  }

  override render() {
    const first = this.site?.agencies[0]?.services[0]?.id ?? '';
    const chosen = this._serviceId || first;
    return html`<form part="form" @submit=${this._onSubmit} aria-labelledby="tf-h">
      <h3 id="tf-h" class="visually-hidden">${t('transfer')}</h3>
      <label>${t('transferTo')}
        <select name="service" @change=${this._onService}>${serviceOptions(this.site, chosen)}</select>
      </label>
      ${positionField(this._position, this._onPosition)}
      <button type="submit" ?disabled=${this.disabled}>${t('transfer')}</button>
    </form>`;
  }

  private _onService(e: Event): void {
    this._serviceId = (e.target as HTMLSelectElement).value;
  }

  private _onPosition(e: Event): void {
    this._position = positionOf((e.target as HTMLSelectElement).value);
  }

  private _onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    if (this.disabled) return;
    const serviceId = this._serviceId || this.site?.agencies[0]?.services[0]?.id;
    if (!serviceId) return;
    fireUnlessDisabled<TransferDetail>(this, 'loket-transfer', { serviceId, position: this._position });
  }
}
customElements.define('loket-transfer-form', LoketTransferForm);

declare global {
  interface HTMLElementTagNameMap {
    'loket-transfer-form': LoketTransferForm;
  }
}
