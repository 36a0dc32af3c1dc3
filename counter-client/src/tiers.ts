/**
 * A counter's services as one line of text: tiers split by `|`, services of
 * one tier by `,`. `ktp | kk, akta` is `[["ktp"], ["kk", "akta"]]`.
 */
export type TiersResult = { ok: true; tiers: string[][] } | { ok: false; reason: 'format' } | { ok: false; reason: 'unknown'; id: string };

export function formatTiers(tiers: readonly (readonly string[])[]): string {
  return tiers.map((tier) => tier.join(', ')).join(' | ');
}

export function parseTiers(text: string, known?: ReadonlySet<string>): TiersResult {
  const tiers = text.split('|').map((tier) =>
    tier
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
  if (tiers.length === 0 || tiers.some((tier) => tier.length === 0)) return { ok: false, reason: 'format' };
  const seen = new Set<string>();
  for (const id of tiers.flat()) {
    if (seen.has(id)) return { ok: false, reason: 'format' };
    seen.add(id);
    if (known && !known.has(id)) return { ok: false, reason: 'unknown', id };
  }
  return { ok: true, tiers };
}
