import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeqTracker, seqVerdict } from '../src/seq-tracker.js';

describe('SeqTracker', () => {
  it('applies the next seq, ignores old ones, and reports a jump as a gap', () => {
    const s = new SeqTracker();
    expect(s.offer(1)).toBe('gap'); // nothing applied before the snapshot
    s.reset(10);
    expect(s.offer(9)).toBe('stale');
    expect(s.offer(10)).toBe('stale');
    expect(s.offer(11)).toBe('apply');
    expect(s.offer(13)).toBe('gap');
    expect(s.lastSeq).toBe(11);
    expect(s.behind()).toBe(true);
    expect(s.offer(12)).toBe('apply');
    expect(s.offer(13)).toBe('apply');
    expect(s.behind()).toBe(false);
  });

  it('applies every seq exactly once and in order, whatever duplicates and reorderings arrive, once gaps are refilled', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 200 }), (start, arrivals) => {
        const s = new SeqTracker();
        s.reset(start);
        const applied: number[] = [];
        const deliver = (seq: number) => {
          if (s.offer(seq) === 'apply') applied.push(seq);
        };
        arrivals.forEach(deliver);
        // A resume replays everything after lastSeq, in order.
        const top = Math.max(start, ...arrivals);
        for (let q = s.lastSeq + 1; q <= top; q++) deliver(q);
        const expected = Array.from({ length: top - start }, (_, i) => start + 1 + i);
        expect(applied).toEqual(expected);
        expect(s.behind()).toBe(false);
      }),
    );
  });
});

describe('seqVerdict', () => {
  it('waits for a starting point, then applies only the seq right after it', () => {
    expect(seqVerdict(null, 1)).toBe('gap');
    expect(seqVerdict(4, 4)).toBe('stale');
    expect(seqVerdict(4, 5)).toBe('apply');
    expect(seqVerdict(4, 7)).toBe('gap');
  });
});
