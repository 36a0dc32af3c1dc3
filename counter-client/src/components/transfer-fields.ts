/** What the transfer form (current ticket) and the ticket mover (any waiting ticket) share. */
import { css, html } from 'lit';
import type { QueuePosition } from '../desk-actions.js';
import { t } from '../i18n/i18n.js';

/** A wrapping row of labelled pickers with the submit button at the end. */
export const pickerRowStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: end;
  }
  label {
    display: grid;
    gap: 0.2rem;
    font-weight: 600;
  }
`;

/** Front or back of the target queue, from a `<select name="position">` value. */
export function positionOf(value: unknown): QueuePosition {
  return value === 'front' ? 'front' : 'back';
}

/**
 * The labelled front/back picker (`name="position"`); `selected` marks an option
 * when the host keeps the choice itself.
 */
export function positionField(selected?: QueuePosition, onChange?: (e: Event) => void) {
  return html`<label>${t('transferPosition')}
    <select name="position" @change=${onChange}>
      <option value="back" ?selected=${selected === 'back'}>${t('back')}</option>
      <option value="front" ?selected=${selected === 'front'}>${t('front')}</option>
    </select>
  </label>`;
}
