/** The audit log of a site: an append-only Redis stream, read by time range. */
import type { RedisConn } from '../redis-connection.js';
import type { AuditEntry } from '../protocol/index.js';
import { keys } from './keys.js';

/** Entries kept per site (approximately, `XADD MAXLEN ~`). */
export const MAX_AUDIT = 100_000;

export class AuditStore {
  constructor(private readonly redis: RedisConn) {}

  async append(siteId: string, e: Omit<AuditEntry, 'id' | 'at'>, at: number): Promise<string> {
    // Ids from the caller's clock (`<ms>-*`) unless the stream already holds a later one.
    const json = JSON.stringify(e);
    try {
      return (await this.redis.xadd(keys.audit(siteId), 'MAXLEN', '~', MAX_AUDIT, `${at}-*`, 'e', json)) as string;
    } catch {
      return (await this.redis.xadd(keys.audit(siteId), 'MAXLEN', '~', MAX_AUDIT, '*', 'e', json)) as string;
    }
  }

  /** Entries with `from <= time <= to` (ms), oldest first, at most `limit`. */
  async range(siteId: string, from: number, to: number, limit = 5000): Promise<AuditEntry[]> {
    const rows = (await this.redis.xrange(keys.audit(siteId), String(from), String(to), 'COUNT', limit)) as [string, string[]][];
    return rows.map(([id, fields]) => {
      const e = JSON.parse(fields[fields.indexOf('e') + 1] ?? '{}') as Omit<AuditEntry, 'id' | 'at'>;
      return { id, at: new Date(Number(id.split('-')[0])).toISOString(), ...e };
    });
  }
}
