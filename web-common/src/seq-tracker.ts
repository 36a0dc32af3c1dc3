/**
 * The catch-up rule of a live client: apply event `lastSeq + 1`, ignore
 * anything at or below `lastSeq`, and treat a jump as a gap to fill with
 * `resume {sinceSeq: lastSeq}`.
 */
export type SeqVerdict = 'apply' | 'stale' | 'gap';

/** The rule itself: what to do with event `seq` when `lastSeq` is applied (null: nothing applied yet, so wait). */
export function seqVerdict(lastSeq: number | null, seq: number): SeqVerdict {
  if (lastSeq === null) return 'gap';
  if (seq <= lastSeq) return 'stale';
  if (seq !== lastSeq + 1) return 'gap';
  return 'apply';
}

export class SeqTracker {
  /** Seq of the last event applied (or of the last snapshot). */
  lastSeq = 0;
  /** Highest seq seen so far, applied or not. */
  maxSeen = 0;
  /** Whether a snapshot set the starting point. Events before it are not applied. */
  ready = false;

  /** A snapshot with state up to `seq` replaces everything. */
  reset(seq: number): void {
    this.lastSeq = seq;
    this.maxSeen = Math.max(this.maxSeen, seq);
    this.ready = true;
  }

  /** Decides about event `seq`; on `apply` the caller must apply it (lastSeq moves on). */
  offer(seq: number): SeqVerdict {
    this.maxSeen = Math.max(this.maxSeen, seq);
    const verdict = seqVerdict(this.ready ? this.lastSeq : null, seq);
    if (verdict === 'apply') this.lastSeq = seq;
    return verdict;
  }

  /** True while events newer than the applied state are known to exist. */
  behind(): boolean {
    return this.maxSeen > this.lastSeq;
  }
}
