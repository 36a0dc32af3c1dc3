/**
 * A live client's place in a site's gap-free event stream (the `SeqTracker` rule), plus
 * the one resume in flight: while it runs, a snapshot that arrives (the server sends one on
 * every connect) is held back so the replayed events are applied, and seen, one by one.
 * Pure (no socket), so its rules are unit-tested on their own.
 */
import type { LoketEvent, Snapshot } from '@loket/engine/protocol';
import { SeqTracker, type SeqVerdict } from '../seq-tracker.js';

export class EventSequencer extends SeqTracker {
  /** A resume request is in flight. */
  resuming = false;
  private deferred: Snapshot | null = null;

  /**
   * A snapshot arrived. Returns true when the caller should apply it now.
   * While a resume is in flight it is held back: replayed events decide first.
   * A snapshot older than what was applied means the site's log started over
   * (its store was lost): it replaces everything at once.
   */
  onSnapshot(s: Snapshot): boolean {
    if (this.resuming && this.ready && s.seq >= this.lastSeq) {
      this.deferred = s;
      return false;
    }
    this.take(s);
    return true;
  }

  /** An event arrived: apply it, drop it (seq already seen), or report a gap. */
  onEvent(e: LoketEvent): SeqVerdict {
    return this.offer(e.seq);
  }

  /** Starts a resume; returns the `sinceSeq` to send, or null when one is already in flight or no state exists. */
  beginResume(): number | null {
    if (this.resuming || !this.ready) return null;
    this.resuming = true;
    return this.lastSeq;
  }

  /**
   * The resume finished (ack, error or timeout). Returns the held-back snapshot when it
   * must be applied now (the server sent one instead of events, or it is newer than what
   * the replay reached), else null.
   */
  endResume(snapshotSent: boolean): Snapshot | null {
    this.resuming = false;
    const held = this.deferred;
    this.deferred = null;
    if (held && (snapshotSent || !this.ready || held.seq > this.lastSeq)) {
      this.take(held);
      return held;
    }
    return null;
  }

  private take(s: Snapshot): void {
    // A log that started over: what was seen of the old one says nothing about the new.
    if (this.ready && s.seq < this.lastSeq) this.maxSeen = s.seq;
    this.reset(s.seq);
  }
}
