/**
 * The seqs of a page's own HTTP answers. The engine answers each transition with the seq of
 * the event it wrote (`TransitionResponse.seq`); the page applies the answer at once, so a
 * live event about the same ticket (or counter) at or below that seq is already reflected
 * and is dropped, instead of guessing from timestamps. Events about anything else still apply.
 */
import type { LoketEvent } from '@loket/engine/protocol';

const keyOf = (e: LoketEvent): string => (e.type === 'counter.updated' ? `counter:${e.counter.id}` : e.type === 'site.updated' ? 'site' : `ticket:${e.ticket.id}`);

export class AnsweredSeqs {
  private readonly seqs = new Map<string, number>();

  /** An answer about ticket `id` carried `seq` (absent: it wrote no event). */
  ticket(id: string | undefined, seq: number | undefined): void {
    if (id !== undefined) this.note(`ticket:${id}`, seq);
  }

  /** An answer about counter `id` carried `seq`. */
  counter(id: string, seq: number | undefined): void {
    this.note(`counter:${id}`, seq);
  }

  /**
   * Whether live event `e` is already covered by an answer. Events arrive in seq order, so
   * answers at or below `e.seq` are of no further use and are forgotten.
   */
  covers(e: LoketEvent): boolean {
    const answered = this.seqs.get(keyOf(e));
    for (const [key, seq] of this.seqs) if (seq <= e.seq) this.seqs.delete(key);
    return answered !== undefined && e.seq <= answered;
  }

  /** Forgets every answer (another counter chosen, a new snapshot of everything). */
  clear(): void {
    this.seqs.clear();
  }

  private note(key: string, seq: number | undefined): void {
    if (seq === undefined) return;
    if (seq > (this.seqs.get(key) ?? -1)) this.seqs.set(key, seq);
  }
}
