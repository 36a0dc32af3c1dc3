/** Per-IP rate limits that answer in the contract's error shape. */
import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';
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
