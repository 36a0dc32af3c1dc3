/**
 * Limits of the live path, per node: how many sockets one credential may hold, and how
 * often a socket (and all sockets of one credential together) may ask for `resume` or
 * `snapshot`. A replay or a snapshot costs reads from Redis that every other caller waits
 * behind; one ticket QR on a loop must not slow the mall down.
 */
import { createHash } from 'node:crypto';

/** A token bucket: `burst` at once, then `perSecond`. */
export class Bucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.at = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** What a credential may do on the live path. */
export interface LiveLimits {
  /** Open sockets per credential on this node. */
  connections: number;
  /** `resume` + `snapshot` requests of all its sockets together: burst, then per second. */
  burst: number;
  perSecond: number;
}

/** Credential kinds: a citizen's status token, a person's session, a device of the site file (one token shared by every lobby TV). */
export type CredentialKind = 'public' | 'session' | 'device';

export const LIVE_LIMITS: Record<CredentialKind, LiveLimits> = {
  public: { connections: 5, burst: 10, perSecond: 1 },
  session: { connections: 20, burst: 40, perSecond: 4 },
  device: { connections: 2000, burst: 2000, perSecond: 200 },
};

/** Each socket on its own: burst, then per second. */
export const PER_SOCKET = { burst: 6, perSecond: 0.5 } as const;

/**
 * A citizen's or a person's credential whose socket was closed as abusive is refused at the
 * handshake for this long, before any store read: reconnecting to flood again costs the
 * engine one hash and one refusal. Not device credentials: one display token serves every
 * lobby TV of a site, and one misbehaving TV must not darken the others.
 */
export const ABUSE_COOLDOWN_MS = 30_000;

/** A replay longer than this is answered with a snapshot (one read instead of thousands of events). */
export const MAX_REPLAY = 500;

/** The SHA-256 (hex) of a token: how sessions are stored and revoked, and how limits know a credential. */
export const credentialId = (token: string): string => createHash('sha256').update(token).digest('hex');

interface Entry {
  sockets: number;
  bucket: Bucket;
}

export class CredentialLimits {
  private readonly entries = new Map<string, Entry>();
  /** Credential -> until when (ms) its handshakes are refused. */
  private readonly cooling = new Map<string, number>();

  constructor(
    private readonly limits: Record<CredentialKind, LiveLimits> = LIVE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refuses the credential's handshakes for `ms` (its socket was closed as abusive). */
  penalize(id: string, ms = ABUSE_COOLDOWN_MS): void {
    const t = this.now();
    // Bounded: expired entries go once the map grows (many tokens flooding at once).
    if (this.cooling.size > 10_000) for (const [k, until] of this.cooling) if (until <= t) this.cooling.delete(k);
    this.cooling.set(id, t + ms);
  }

  /** Is the credential cooling down after abuse? */
  penalized(id: string): boolean {
    const until = this.cooling.get(id);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.cooling.delete(id);
    return false;
  }

  /** Counts a new socket of `id`; false when it already holds its limit (the socket is refused). */
  open(id: string, kind: CredentialKind): boolean {
    const l = this.limits[kind];
    let e = this.entries.get(id);
    if (!e) this.entries.set(id, (e = { sockets: 0, bucket: new Bucket(l.burst, l.perSecond) }));
    if (e.sockets >= l.connections) return false;
    e.sockets++;
    return true;
  }

  close(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.sockets--;
    // The bucket goes with the last socket: a fresh one is no looser than a full one.
    if (e.sockets <= 0) this.entries.delete(id);
  }

  /** A `resume` or `snapshot` of one of `id`'s sockets: allowed now? */
  request(id: string): boolean {
    return this.entries.get(id)?.bucket.take() ?? false;
  }

  /** Open sockets of one credential (tests, metrics). */
  sockets(id: string): number {
    return this.entries.get(id)?.sockets ?? 0;
  }
}
