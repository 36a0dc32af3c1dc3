/** The audit log: who changed what and when, before and after; read by administrators and supervisors. */
import { dayRange } from '../domain/clock.js';
import type { ConfigChange } from '../domain/site-config.js';
import { LoketError } from '../errors.js';
import type { AuditEntry } from '../protocol/index.js';
import type { Caller } from './caller.js';
import type { Deps } from './context.js';

export class AuditLog {
  constructor(private readonly d: Deps) {}

  /** Appends one entry per change (never edits or removes one). */
  async record(caller: Caller, action: string, changes: readonly ConfigChange[]): Promise<void> {
    const at = this.d.clock.now();
    for (const c of changes) {
      await this.d.audit.append(caller.siteId, { actor: caller.username, role: caller.role, action, target: c.target, before: c.before, after: c.after }, at);
    }
  }

  /**
   * Entries between `from` and `to`: dates (`YYYY-MM-DD`, whole days in the site's zone) or
   * ISO 8601 times; default the site's today.
   */
  async list(caller: Caller, q: { from?: string | undefined; to?: string | undefined }): Promise<AuditEntry[]> {
    const site = this.d.sites.get(caller.siteId);
    const tz = site.def.timezone;
    const today = this.d.clock.day(site);
    const bound = (s: string | undefined, end: boolean): number => {
      const v = s ?? today;
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return dayRange(v, tz)[end ? 1 : 0];
      const ms = Date.parse(v);
      if (Number.isNaN(ms)) throw new LoketError('VALIDATION_FAILED', `${end ? 'to' : 'from'}: a date or ISO 8601 time`);
      return ms;
    };
    return this.d.audit.range(site.id, bound(q.from, false), bound(q.to, true));
  }
}

/** The entries as CSV with a header line (values JSON-encoded where they are objects). */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const cell = (v: unknown): string => {
    const s = typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const cols = ['at', 'actor', 'role', 'action', 'target', 'before', 'after'] as const;
  return [cols.join(','), ...entries.map((e) => cols.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n';
}
