/**
 * Rate limits that answer in the contract's error shape (`429 RATE_LIMITED` with
 * `Retry-After`). The ones that guard against guessing and hoarding (logins per account and
 * per address, tickets per device and per address) count in Redis (rate-limiter-flexible),
 * so every node shares them; should Redis not answer, each node falls back to its own memory.
 */
import { rateLimit } from 'express-rate-limit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RedisConn } from '../redis-connection.js';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { body } from './error-handler.js';

export function perMinute(limit: number, message: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => res.status(429).json(body('RATE_LIMITED', message)),
  });
}

export interface LimitOptions {
  redis: RedisConn;
  /** Failed logins per account and 15 minutes. */
  loginPerAccount: number;
  /** Login attempts per address and minute. */
  loginPerMinute: number;
  issuePerMinuteDevice: number;
  issuePerMinuteAddress: number;
}

function limiter(redis: RedisConn, keyPrefix: string, points: number, duration: number, blockDuration = 0): RateLimiterAbstract {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `loket:rl:${keyPrefix}`,
    points,
    duration,
    blockDuration,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration, blockDuration }),
  });
}

const retryAfter = (r: unknown): number | null => (r instanceof RateLimiterRes ? Math.max(1, Math.ceil(r.msBeforeNext / 1000)) : null);

function tooMany(res: Response, seconds: number, message: string): void {
  res.set('Retry-After', String(seconds));
  res.status(429).json(body('RATE_LIMITED', message, { retryAfterSeconds: seconds }));
}

/**
 * Consumes one point of each (limiter, key); the longest wait when one is used up, else null.
 * Store errors let the request pass. The consumes go out together: the command connection
 * pipelines them into one round trip (one after the other cost issuing a second one, issue 14).
 */
async function consumeAll(pairs: [RateLimiterAbstract, string][]): Promise<number | null> {
  const waits = await Promise.all(pairs.map(([l, key]) => l.consume(key).then(() => null, retryAfter)));
  let wait: number | null = null;
  for (const s of waits) if (s !== null) wait = Math.max(wait ?? 0, s);
  return wait;
}

export class Limits {
  private readonly loginAccount: RateLimiterAbstract;
  private readonly loginAddress: RateLimiterAbstract;
  private readonly issueDevice: RateLimiterAbstract;
  private readonly issueAddress: RateLimiterAbstract;

  constructor(o: LimitOptions) {
    // Failures per account over all addresses: after N, the account waits out 15 minutes (even for the right password).
    this.loginAccount = limiter(o.redis, 'login-acct', o.loginPerAccount, 15 * 60, 15 * 60);
    this.loginAddress = limiter(o.redis, 'login-addr', o.loginPerMinute, 60);
    this.issueDevice = limiter(o.redis, 'issue-dev', o.issuePerMinuteDevice, 60);
    this.issueAddress = limiter(o.redis, 'issue-addr', o.issuePerMinuteAddress, 60);
  }

  /** Before a login: the address's attempts and the account's failures so far. */
  loginGate(): RequestHandler {
    return async (req: Request, res: Response, next: NextFunction) => {
      const account = accountOf(req);
      const addressWait = await consumeAll([[this.loginAddress, req.ip ?? '-']]);
      if (addressWait !== null) return tooMany(res, addressWait, 'Too many login attempts from this address; wait and try again');
      if (account) {
        const r = await this.loginAccount.get(account).catch(() => null);
        if (r && r.remainingPoints <= 0 && r.msBeforeNext > 0) {
          return tooMany(res, Math.ceil(r.msBeforeNext / 1000), 'Too many failed logins for this account; wait and try again');
        }
      }
      next();
    };
  }

  /** A failed login counts against the account. */
  async loginFailed(req: Request): Promise<void> {
    const account = accountOf(req);
    if (account) await this.loginAccount.consume(account).catch(() => undefined);
  }

  /** A good login clears the account's failures. */
  async loginSucceeded(req: Request): Promise<void> {
    const account = accountOf(req);
    if (account) await this.loginAccount.delete(account).catch(() => undefined);
  }

  /** Issuing: per credential (a kiosk, a clerk) and per client address. Runs after `authorize`. */
  issueGate(): RequestHandler {
    return async (req: Request, res: Response, next: NextFunction) => {
      const who = (res.locals.user as { siteId: string; username: string } | undefined) ?? { siteId: '-', username: '-' };
      const wait = await consumeAll([
        [this.issueDevice, `${who.siteId}/${who.username}`],
        [this.issueAddress, req.ip ?? '-'],
      ]);
      if (wait !== null) return tooMany(res, wait, 'Too many tickets from this device; wait and try again');
      next();
    };
  }
}

const accountOf = (req: Request): string => {
  const u = (req.body as { username?: unknown } | undefined)?.username;
  return typeof u === 'string' ? u.trim().toLowerCase().slice(0, 200) : '';
};
