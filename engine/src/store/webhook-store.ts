/** Outgoing webhook endpoints of a site and the log of their deliveries. */
import type { RedisConn } from '../redis-connection.js';
import type { WebhookDelivery, WebhookDto } from '../protocol/index.js';
import { keys } from './keys.js';

/** An endpoint as stored (with its secret). */
export type StoredWebhook = Omit<WebhookDto, 'failuresInRow'> & { secret: string };

/** A delivery as stored: the log line and the exact body, for a redelivery. */
export interface StoredDelivery extends WebhookDelivery {
  body: string;
}

/** Deliveries kept per endpoint. */
const MAX_DELIVERIES = 500;
const failsField = (id: string) => `${id}#fails`;

export class WebhookStore {
  constructor(private readonly redis: RedisConn) {}

  async save(siteId: string, w: StoredWebhook): Promise<void> {
    await this.redis.hset(keys.webhooks(siteId), w.id, JSON.stringify(w));
  }

  async list(siteId: string): Promise<(StoredWebhook & { failuresInRow: number })[]> {
    const all = await this.redis.hgetall(keys.webhooks(siteId));
    return Object.entries(all)
      .filter(([k]) => !k.includes('#'))
      .map(([k, v]) => ({ ...(JSON.parse(v) as StoredWebhook), failuresInRow: Number(all[failsField(k)] ?? 0) }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async get(siteId: string, id: string): Promise<StoredWebhook | null> {
    const raw = await this.redis.hget(keys.webhooks(siteId), id);
    return raw ? (JSON.parse(raw) as StoredWebhook) : null;
  }

  async remove(siteId: string, id: string): Promise<boolean> {
    const n = await this.redis.hdel(keys.webhooks(siteId), id, failsField(id));
    await this.redis.del(keys.webhookDeliveries(siteId, id), keys.webhookDeliveryOrder(siteId, id));
    return n > 0;
  }

  /** Counts a failed attempt; returns the failures in a row. */
  failed(siteId: string, id: string): Promise<number> {
    return this.redis.hincrby(keys.webhooks(siteId), failsField(id), 1);
  }

  async succeeded(siteId: string, id: string): Promise<void> {
    await this.redis.hdel(keys.webhooks(siteId), failsField(id));
  }

  async delivery(siteId: string, hookId: string, msgId: string): Promise<StoredDelivery | null> {
    const raw = await this.redis.hget(keys.webhookDeliveries(siteId, hookId), msgId);
    return raw ? (JSON.parse(raw) as StoredDelivery) : null;
  }

  /** Writes a delivery's line (new or updated), keeping the newest MAX_DELIVERIES. */
  async saveDelivery(siteId: string, hookId: string, d: StoredDelivery, order: number): Promise<void> {
    const h = keys.webhookDeliveries(siteId, hookId);
    const o = keys.webhookDeliveryOrder(siteId, hookId);
    await this.redis.multi().hset(h, d.id, JSON.stringify(d)).zadd(o, 'NX', order, d.id).exec();
    if (Math.random() < 0.05) {
      const old = await this.redis.zrange(o, 0, -MAX_DELIVERIES - 1);
      if (old.length) await this.redis.multi().zrem(o, ...old).hdel(h, ...old).exec();
    }
  }

  /** Newest first. */
  async deliveries(siteId: string, hookId: string, limit = 100): Promise<StoredDelivery[]> {
    const ids = await this.redis.zrevrange(keys.webhookDeliveryOrder(siteId, hookId), 0, limit - 1);
    if (!ids.length) return [];
    const rows = await this.redis.hmget(keys.webhookDeliveries(siteId, hookId), ...ids);
    return rows.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as StoredDelivery);
  }
}
