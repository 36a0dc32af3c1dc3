import { describe, expect, it } from 'vitest';
import type { LoketEvent, Snapshot } from '@loket/engine/protocol';
import { EventSequencer } from '../src/live/event-sequencer.js';

const snap = (seq: number): Snapshot => ({
  seq,
  calls: [],
  counters: [],
  waiting: {},
  site: { id: 's', name: 'S', timezone: 'Asia/Jakarta', agencies: [], counters: [], displays: [], openNow: true },
});
const ev = (seq: number): LoketEvent =>
  ({ seq, type: 'ticket.issued', at: '2026-01-01T00:00:00Z', siteId: 's', waiting: {} }) as unknown as LoketEvent;

describe('event sequencer', () => {
  it('applies consecutive events and drops ones already seen', () => {
    const s = new EventSequencer();
    expect(s.onSnapshot(snap(10))).toBe(true);
    expect(s.onEvent(ev(11))).toBe('apply');
    expect(s.onEvent(ev(12))).toBe('apply');
    expect(s.onEvent(ev(12))).toBe('stale');
    expect(s.onEvent(ev(9))).toBe('stale');
    expect(s.lastSeq).toBe(12);
  });

  it('reports a gap and resumes from the last applied seq', () => {
    const s = new EventSequencer();
    s.onSnapshot(snap(3));
    expect(s.onEvent(ev(5))).toBe('gap');
    expect(s.behind()).toBe(true);
    expect(s.beginResume()).toBe(3);
    expect(s.beginResume()).toBeNull();
    expect(s.onEvent(ev(4))).toBe('apply');
    expect(s.onEvent(ev(5))).toBe('apply');
    expect(s.endResume(false)).toBeNull();
    expect(s.behind()).toBe(false);
  });

  it('holds back a reconnect snapshot until the replay has been applied', () => {
    const s = new EventSequencer();
    s.onSnapshot(snap(7));
    expect(s.beginResume()).toBe(7);
    expect(s.onSnapshot(snap(9))).toBe(false);
    expect(s.onEvent(ev(8))).toBe('apply');
    expect(s.onEvent(ev(9))).toBe('apply');
    expect(s.endResume(false)).toBeNull();
    expect(s.lastSeq).toBe(9);
  });

  it('uses the held snapshot when the server could not replay', () => {
    const s = new EventSequencer();
    s.onSnapshot(snap(7));
    s.beginResume();
    const fresh = snap(50);
    s.onSnapshot(fresh);
    expect(s.endResume(true)).toBe(fresh);
    expect(s.lastSeq).toBe(50);
    expect(s.onEvent(ev(51))).toBe('apply');
  });

  it('treats events before the first snapshot as a gap', () => {
    const s = new EventSequencer();
    expect(s.onEvent(ev(1))).toBe('gap');
    expect(s.beginResume()).toBeNull();
  });

  it('starts over from a snapshot older than its state (the site log was lost)', () => {
    const s = new EventSequencer();
    s.onSnapshot(snap(40));
    s.beginResume();
    expect(s.onSnapshot(snap(2))).toBe(true);
    expect(s.lastSeq).toBe(2);
    expect(s.onEvent(ev(3))).toBe('apply');
    expect(s.endResume(false)).toBeNull();
  });
});
