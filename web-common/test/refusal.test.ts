import { describe, expect, it } from 'vitest';
import { HANDSHAKE_REFUSAL, TRANSIENT_REFUSALS } from '@loket/engine/protocol';
import { isTransientRefusal, judgeRefusal } from '../src/live/refusal.js';

const refusal = (code: unknown) => Object.assign(new Error('refused'), { data: { code } });

describe('handshake refusal policy', () => {
  it('stops only on an authentication refusal, and retries every other code the protocol lists', () => {
    for (const code of Object.values(HANDSHAKE_REFUSAL)) {
      const final = code === 'UNAUTHENTICATED' || code === 'FORBIDDEN';
      expect(judgeRefusal(refusal(code)), code).toEqual({ stop: final, code });
      expect(isTransientRefusal(code), code).toBe(TRANSIENT_REFUSALS.includes(code));
      expect(final || isTransientRefusal(code), code).toBe(true);
    }
  });

  it('retries a refusal without a code or with an unknown one', () => {
    expect(judgeRefusal(new Error('xhr poll error'))).toEqual({ stop: false, code: null });
    expect(judgeRefusal(refusal('SOMETHING_NEW'))).toEqual({ stop: false, code: null });
    expect(judgeRefusal(refusal(42))).toEqual({ stop: false, code: null });
  });
});
