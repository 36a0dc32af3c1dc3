/**
 * Calls that go on through an engine restart, as a kiosk and a clerk would: every step is
 * retried until it has a definite answer (a refused connection, a reset or a 503 is tried
 * again; the kiosk's `Idempotency-Key` makes a repeated issue the same ticket; a 409 on a
 * later step means it was applied before the answer was lost).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TicketDto } from '@loket/engine/protocol';
import { paths } from '../lib/accounts.js';
import type { CallDesk } from './fanout-call.js';

/** A desk (as fanout-call.ts's) and how often it calls. */
export interface CallLoopOptions extends CallDesk {
  intervalMs: number;
}

export interface CallLoop {
  /** Calls completed (issued, called, started, finished). */
  calls(): number;
  /** Requests retried, by cause. */
  retries: Record<string, number>;
  stop(): Promise<void>;
}

export function startCallLoop(o: CallLoopOptions): CallLoop {
  let running = true;
  let done = 0;
  const retries: Record<string, number> = {};
  const retried = (why: string): void => void (retries[why] = (retries[why] ?? 0) + 1);

  /** Sends until the status is one of `ok`; anything else but a lost connection, 5xx or 429 throws. */
  async function step<T>(method: string, path: string, ok: number[], opts: { token: string; body?: unknown; headers?: Record<string, string> }): Promise<T | null> {
    for (;;) {
      try {
        const r = await o.http.request<T>(method, path, opts);
        if (ok.includes(r.status)) return r.body;
        if (r.status === 409) return null;
        if (r.status < 500 && r.status !== 429) throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        retried(String(r.status));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (!code) throw err;
        retried(code);
      }
      await sleep(100);
    }
  }

  const loop = (async () => {
    let n = 0;
    while (running) {
      const key = `storm-${process.pid}-${Date.now()}-${n++}`;
      const t = await step<{ ticket: TicketDto }>('POST', paths.tickets(o.siteId), [200, 201], { token: o.kioskToken, body: { serviceId: o.serviceId }, headers: { 'idempotency-key': key } });
      const id = t?.ticket.id;
      if (!id) throw new Error('issue answered without a ticket');
      await step('POST', `${paths.counter(o.siteId, o.counterId)}/call-ticket`, [200], { token: o.staffToken, body: { ticketId: id } });
      await step('POST', paths.ticket(o.siteId, id, 'start'), [200], { token: o.staffToken });
      await step('POST', paths.ticket(o.siteId, id, 'finish'), [200], { token: o.staffToken });
      done++;
      await sleep(o.intervalMs);
    }
  })();
  return {
    calls: () => done,
    retries,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
