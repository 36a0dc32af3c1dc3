/**
 * The live site definitions in Redis: seeded from the site file on a site's first start,
 * changed by administrators (store/lua/config-apply-5.lua), read by every node when the
 * `site.updated` event says so.
 */
import type { RedisConn } from '../redis-connection.js';
import type { SiteFile } from '../domain/site.js';
import { configApply, type ConfigApplyArgs, type ConfigApplyReply } from './config-scripts.js';
import { keys } from './keys.js';

export class SiteConfigStore {
  constructor(private readonly redis: RedisConn) {}

  /** The stored definition (raw JSON, validated by the caller) and its version; null when none is stored. */
  async read(siteId: string): Promise<{ raw: unknown; version: number } | null> {
    const [def, version] = await Promise.all([this.redis.get(keys.siteDef(siteId)), this.redis.hget(keys.config(siteId), 'version')]);
    if (def === null) return null;
    return { raw: JSON.parse(def) as unknown, version: Number(version ?? 0) };
  }

  /** Stores the site file's definition unless one is stored already; true when it did. */
  async seed(def: SiteFile): Promise<boolean> {
    return (await this.redis.set(keys.siteDef(def.id), JSON.stringify(def), 'NX')) === 'OK';
  }

  /** Applies a definition atomically (see the script's header). */
  apply(siteId: string, a: ConfigApplyArgs): Promise<ConfigApplyReply> {
    return configApply(this.redis, siteId, a);
  }
}
