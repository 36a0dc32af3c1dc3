/** `<optgroup>`s of every service of every agency, for transfer pickers. */
import { html } from 'lit';
import type { SiteInfo } from '@loket/engine/protocol';
import { lang } from '../i18n/i18n.js';

export function serviceOptions(site: SiteInfo | null, selected: string) {
  return (site?.agencies ?? []).map(
    (a) => html`<optgroup label=${a.name}>
      ${a.services.map((s) => html`<option value=${s.id} ?selected=${s.id === selected}>${s.prefix} · ${(lang() === 'en' && s.nameEn) || s.name}</option>`)}
    </optgroup>`,
  );
}

/** Service id to display name, in the page's language (`nameEn` in English when the site gives one). */
export function serviceNames(site: SiteInfo | null): Record<string, string> {
  const en = lang() === 'en';
  const out: Record<string, string> = {};
  for (const a of site?.agencies ?? []) for (const s of a.services) out[s.id] = (en && s.nameEn) || s.name;
  return out;
}

/** A counter's tiers as one line of service names (`KTP | KK, Akta`); unknown ids stay as they are. */
export function formatTierNames(tiers: readonly (readonly string[])[], names: Record<string, string>): string {
  return tiers.map((tier) => tier.map((id) => names[id] ?? id).join(', ')).join(' | ');
}
