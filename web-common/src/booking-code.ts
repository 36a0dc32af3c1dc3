/**
 * A booking code out of what a person typed or a scanner read: a bare code (any case, with
 * spaces or dashes) or the booking link the QR holds, `.../booking/<code>`. The engine checks
 * the code itself; this only takes the noise off.
 */
export function codeFromInput(raw: string): string {
  const s = raw.trim();
  const m = /\/booking\/([A-Za-z0-9-]+)/.exec(s);
  return (m?.[1] ?? s).replace(/[\s-]/g, '').toUpperCase();
}
