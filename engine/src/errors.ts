import { ERROR_CODE, type ErrorCode } from './protocol/index.js';

/** The one error type of the engine: a code that maps to an HTTP status in http/error-handler.ts. */
export class LoketError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LoketError';
  }
}

export const notFound = (what: string): LoketError => new LoketError(ERROR_CODE.notFound, `${what} not found`);
export const forbidden = (why: string): LoketError => new LoketError(ERROR_CODE.forbidden, why);
