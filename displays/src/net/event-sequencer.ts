/**
 * Keeps a client's place in a site's gap-free event stream: which events to
 * apply, which to drop as already seen, and when to ask the server to resume.
 * Pure (no socket), so its rules are unit-tested on their own.
 */
import type { LoketEvent, Snapshot } from '@loket/engine/protocol';
import { seqVerdict, type SeqVerdict } from '@loket/web-common/seq-tracker';

export class EventSequencer {
  /** Seq of the last applied snapshot or event; null before the first snapshot. */
  lastSeq: number | null = null;
  /** Highest seq seen, applied or not (a gap is pending while it exceeds lastSeq). */
  maxSeen = -1;
  /** A resume request is in flight. */
  resuming = false;
  private deferred: Snapshot | null = null;

  /**
   * A snapshot arrived. Returns true when the caller should apply it now.
   * While a resume is in flight it is held back: replayed events decide first.
   * A snapshot older than what we applied means the site's log started over
   * (its store was lost): it replaces everything at once.
   */
  onSnapshot(s: Snapshot): boolean {
    if (this.resuming && this.lastSeq !== null && s.seq >= this.lastSeq) {
      this.deferred = s;
      return false;
    }
    this.lastSeq = s.seq;
    this.maxSeen = Math.max(this.maxSeen, s.seq);
    return true;
  }

  /** An event arrived: apply it, drop it (seq already seen), or report a gap. */
  onEvent(e: LoketEvent): SeqVerdict {
    this.maxSeen = Math.max(this.maxSeen, e.seq);
    const verdict = seqVerdict(this.lastSeq, e.seq);
    if (verdict === 'apply') this.lastSeq = e.seq;
    return verdict;
  }

  /** Starts a resume; returns the `sinceSeq` to send, or null when one is already in flight or no state exists. */
  beginResume(): number | null {
    if (this.resuming || this.lastSeq === null) return null;
    this.resuming = true;
    return this.lastSeq;
  }

  /**
   * The resume finished (ack, error or timeout). Returns the held-back
   * snapshot when it must be applied now (the server sent one instead of
   * events, or it is newer than what the replay reached), else null.
   */
  endResume(snapshotSent: boolean): Snapshot | null {
    this.resuming = false;
    const held = this.deferred;
    this.deferred = null;
    if (held && (snapshotSent || this.lastSeq === null || held.seq > this.lastSeq)) {
      this.lastSeq = held.seq;
      return held;
    }
    return null;
  }

  /** Events newer than lastSeq were dropped as gaps: another resume is due. */
  get behind(): boolean {
    return this.lastSeq !== null && this.maxSeen > this.lastSeq;
  }
}
