/**
 * Standard Webhooks (standardwebhooks.com): the secret `whsec_<base64>`, the signature
 * `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` keyed by the decoded secret, and
 * the retry schedule of a delivery. Pure (crypto only).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

const key = (secret: string): Buffer => Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');

/** The `webhook-signature` header value for one message. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', key(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** Whether one of the space-separated signatures of a header matches. */
export function verifyWebhook(secret: string, id: string, timestampSeconds: number, body: string, header: string): boolean {
  const expected = Buffer.from(signWebhook(secret, id, timestampSeconds, body).slice(3), 'base64');
  return header.split(' ').some((s) => {
    const [v, sig] = s.split(',');
    if (v !== 'v1' || !sig) return false;
    const got = Buffer.from(sig, 'base64');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}

/**
 * Wait before retry `n` (1 = the first retry), as multiples of `baseMs` (5 s in service): the first
 * two within 15 s, then 5 min, 30 min, 2 h, 5 h, 10 h: about 18 h in all, under a day with the
 * jitter (each wait varied by up to ±10 %, so endpoints that fail together do not retry together).
 */
export const RETRY_STEPS = [1, 2, 60, 360, 1440, 3600, 7200] as const;

export function retryDelayMs(n: number, baseMs: number, random: number = Math.random()): number {
  const step = RETRY_STEPS[Math.min(Math.max(n, 1), RETRY_STEPS.length) - 1]!;
  return Math.round(step * baseMs * (0.9 + 0.2 * random));
}
