/** `<optgroup>`s of every service of every agency, for transfer pickers. */
import { html } from 'lit';
import type { SiteInfo } from '@loket/engine/protocol';

export function serviceOptions(site: SiteInfo | null, selected: string) {
  return (site?.agencies ?? []).map(
    (a) => html`<optgroup label=${a.name}>
      ${a.services.map((s) => html`<option value=${s.id} ?selected=${s.id === selected}>${s.prefix} · ${s.name}</option>`)}
    </optgroup>`,
  );
}

/** Service id to display name. */
export function serviceNames(site: SiteInfo | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of site?.agencies ?? []) for (const s of a.services) out[s.id] = s.name;
  return out;
}
