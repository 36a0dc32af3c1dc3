/** The live path's limits per credential: connections, requests, and the cool-down after abuse. */
import { describe, expect, it } from 'vitest';
import { ABUSE_COOLDOWN_MS, CredentialLimits, LIVE_LIMITS } from '../../src/realtime/socket-limits.js';

describe('CredentialLimits', () => {
  it('refuses a credential cooling down after abuse until the cool-down ends, then forgets it', () => {
    let now = 1_000_000;
    const limits = new CredentialLimits(LIVE_LIMITS, () => now);
    expect(limits.penalized('a')).toBe(false);
    limits.penalize('a');
    expect(limits.penalized('a')).toBe(true);
    expect(limits.penalized('b')).toBe(false);
    now += ABUSE_COOLDOWN_MS - 1;
    expect(limits.penalized('a')).toBe(true);
    now += 1;
    expect(limits.penalized('a')).toBe(false);
  });

  it('keeps the cool-down list bounded: expired entries go once it grows past 10,000', () => {
    let now = 0;
    const limits = new CredentialLimits(LIVE_LIMITS, () => now);
    for (let i = 0; i <= 10_000; i++) limits.penalize(`old-${i}`, 10);
    now = 100;
    limits.penalize('new');
    expect(limits.penalized('new')).toBe(true);
    expect((limits as unknown as { cooling: Map<string, number> }).cooling.size).toBe(1);
  });

  it('holds a public credential to 5 sockets and its burst of requests', () => {
    const limits = new CredentialLimits();
    for (let i = 0; i < 5; i++) expect(limits.open('t', 'public')).toBe(true);
    expect(limits.open('t', 'public')).toBe(false);
    let allowed = 0;
    for (let i = 0; i < 50; i++) if (limits.request('t')) allowed++;
    expect(allowed).toBe(LIVE_LIMITS.public.burst);
  });
});
