/** What the console's sections share: the live definition's shape, their look, the change event and field errors. */
import { css, html, nothing } from 'lit';
import { t, type MessageKey } from '../i18n/i18n.js';

export interface ServiceDef {
  id: string;
  name: string;
  nameEn?: string;
  prefix: string;
  avgServiceMinutes: number;
  quotaPerDay?: number;
  sla?: { minutes: number; share: number };
}
export interface AgencyDef {
  id: string;
  name: string;
  nameEn?: string;
  services: ServiceDef[];
}
export interface CounterDef {
  id: string;
  name?: string;
  agencyId: string;
  services: string[][];
}
export type Hours = Record<string, [string, string]>;
export interface BreakDef {
  days: string;
  from: string;
  to: string;
  name?: string;
}
export interface HolidayDef {
  date: string;
  name: string;
  nameEn?: string;
}
export interface DisplayDef {
  id: string;
  name: string;
  agencies: 'all' | string[];
  runningText?: string;
}
/** `GET .../config`: the parts the console edits. */
export interface SiteConfig {
  id: string;
  name: string;
  agencies: AgencyDef[];
  counters: CounterDef[];
  hours: Hours;
  breaks?: BreakDef[];
  holidays?: HolidayDef[];
  displays?: DisplayDef[];
}

/** Tells the console shell the definition changed (it reads `GET .../config` again). */
export const CHANGED = 'loket-admin-changed';
export function fireChanged(host: HTMLElement): void {
  host.dispatchEvent(new CustomEvent(CHANGED, { bubbles: true, composed: true }));
}

/** The engine's field messages (English, from the site file's schema) in the page's language. */
const FIELD_MESSAGES: [RegExp, MessageKey][] = [
  [/^HH:MM$/, 'adm_v_hhmm'],
  [/^closing time must be after opening time (?<time>\S+)$/, 'adm_v_closeAfterOpen'],
  [/^must be after (?<time>\S+)$/, 'adm_v_after'],
  [/^1-3 capital letters$/, 'adm_v_prefix'],
  [/^lowercase letters, digits, - or _$/, 'adm_v_id'],
  [/^YYYY-MM-DD$/, 'adm_v_date'],
  [/^duplicate prefix "(?<x>.*)"$/, 'adm_v_duplicatePrefix'],
  [/^unknown agency "(?<x>.*)"$/, 'adm_v_unknownAgency'],
  [/^unknown service "(?<x>.*)"/, 'adm_v_unknownService'],
  [/^Too big: expected string to have <=(?<n>\d+) characters$/, 'adm_v_tooLong'],
  [/^Too small: expected string to have >=1 characters$|received undefined$/, 'adm_v_required'],
];

export function fieldMessage(msg: string): string {
  for (const [re, key] of FIELD_MESSAGES) {
    const m = re.exec(msg);
    if (m) return t(key, { ...(m.groups ?? {}) });
  }
  return msg;
}

/** The message next to a field, tied to it by `aria-describedby="err-<field>"`. */
export function fieldError(problems: Record<string, string>, path: string) {
  const msg = problems[path];
  return msg ? html`<span class="error field-error" id=${`err-${path}`} data-error=${path} role="alert">${fieldMessage(msg)}</span>` : nothing;
}

/** A secret shown this once (device token, set-password link, webhook secret), with a copy button. */
export function onceBox(kind: string, title: string, secret: string, hide: () => void) {
  const copy = async (e: Event) => {
    const button = e.currentTarget as HTMLButtonElement;
    try {
      await navigator.clipboard.writeText(secret);
      button.textContent = t('adm_copied');
    } catch {
      button.textContent = t('adm_copyFailed');
    }
  };
  return html`<div class="once" data-once=${kind} role="status">
    <strong>${title}</strong>
    <code data-token>${secret}</code>
    <button type="button" @click=${copy}>${t('adm_copy')}</button>
    <button type="button" @click=${hide}>${t('adm_hide')}</button>
  </div>`;
}

export const adminStyles = css`
  section {
    margin-bottom: 1.5rem;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: flex-start;
    background: var(--panel);
    padding: 0.75rem;
    border-radius: 0.4rem;
    margin: 0.75rem 0;
  }
  form > label,
  fieldset {
    display: grid;
    gap: 0.2rem;
    font-weight: 600;
    font-size: 1rem;
  }
  fieldset {
    border: 2px solid var(--line);
    border-radius: 0.3rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.9rem;
  }
  fieldset label {
    font-weight: 400;
  }
  input[type='checkbox'] {
    min-height: auto;
    width: 1.2rem;
    height: 1.2rem;
  }
  input.short {
    width: 5.5rem;
  }
  input.time {
    width: 5.5rem;
    text-align: center;
  }
  form > label.check {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    align-self: flex-end;
    min-height: 2.75rem;
  }
  form > label.wide,
  form > label.wide textarea {
    flex: 1 1 24rem;
    width: 100%;
  }
  td:last-child,
  td:first-child {
    white-space: nowrap;
  }
  textarea {
    font: inherit;
    padding: 0.4rem;
    min-height: 3rem;
  }
  .hint {
    flex-basis: 100%;
    margin: 0;
    font-weight: 400;
  }
  .field-error {
    font-size: 0.95rem;
    max-width: 14rem;
  }
  .actions {
    align-self: flex-end;
    display: flex;
    gap: 0.5rem;
  }
  .once {
    border: 3px solid var(--warn);
    background: #fff7e6;
    padding: 0.75rem;
    border-radius: 0.4rem;
    margin: 0.75rem 0;
  }
  .once code {
    font-size: 1.05rem;
    word-break: break-all;
    display: block;
    margin: 0.4rem 0;
  }
  td button {
    min-height: 2.2rem;
    padding: 0.2rem 0.6rem;
  }
  form.stranded {
    border: 3px solid var(--warn);
    background: #fff7e6;
  }
  form.stranded p {
    flex-basis: 100%;
    margin: 0;
    font-weight: 600;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
`;
