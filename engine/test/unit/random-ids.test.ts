import { describe, expect, it } from 'vitest';
import { randomId } from '../../src/app/random-ids.js';

describe('randomId (ticket ids and status tokens)', () => {
  it('gives base64url strings of the asked size, never the same one, across refills of its pool', () => {
    const seen = new Set<string>();
    // 28 bytes a ticket: 1,000 tickets refill the 4 kB pool several times.
    for (let i = 0; i < 1000; i++) {
      const id = randomId(12);
      const token = randomId(16);
      expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      seen.add(id).add(token);
    }
    expect(seen.size).toBe(2000);
  });

  it('spreads its bytes: every base64url character appears, none far more often than the others', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const ch of randomId(12)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(64);
    // 64,000 characters, 1,000 expected each.
    for (const n of counts.values()) expect(n).toBeGreaterThan(800);
    for (const n of counts.values()) expect(n).toBeLessThan(1200);
  });
});
