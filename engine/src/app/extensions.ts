/**
 * The engine's plug-in point (after hocuspocus's `Extension`): the core calls every registered
 * extension at its hooks; outgoing webhooks (jobs/webhook-dispatcher.ts), notifications and
 * other integrations add behaviour here, never as a branch in the core.
 */
import type { BookingDto, LoketEvent } from '../protocol/index.js';

/** A citizen's answers to the IKM survey, without the comment (it may hold personal data). */
export interface FeedbackNotice {
  ticketId: string;
  number: string;
  serviceId: string;
  agencyId: string;
  answers: Record<string, number>;
  at: number;
}

/** A booking changed (no NIK or phone: the DTO has none). `slotStartMs` times the reminders. */
export interface BookingNotice {
  kind: 'created' | 'cancelled' | 'checked_in' | 'no_show' | 'rescheduled';
  booking: BookingDto;
  slotStartMs: number;
  /** `rescheduled`: how often the booking has moved (reminder and message ids carry it). */
  moves?: number;
  at: number;
}

export interface Extension {
  readonly name: string;
  /**
   * Every event of a site, in seq order. Called on EVERY engine node (each tails the log):
   * an extension acting once per event makes its work idempotent by `siteId` and `e.seq`.
   */
  onEvent?(siteId: string, e: LoketEvent): Promise<void>;
  /** A citizen gave feedback: called once, on the node that took it. */
  onFeedback?(siteId: string, f: FeedbackNotice): Promise<void>;
  /** A booking was made, moved, cancelled, checked in or marked no-show: called once, on the node that did it. */
  onBooking?(siteId: string, n: BookingNotice): Promise<void>;
  close?(): Promise<void>;
}

export class Extensions {
  private readonly list: Extension[] = [];

  constructor(private readonly onError: (name: string, err: unknown) => void = () => undefined) {}

  register(x: Extension): void {
    this.list.push(x);
  }

  /** Calls every extension's `onEvent`; a failing extension never stops the core. */
  event(siteId: string, e: LoketEvent): void {
    for (const x of this.list) x.onEvent?.(siteId, e).catch((err: unknown) => this.onError(x.name, err));
  }

  feedback(siteId: string, f: FeedbackNotice): void {
    for (const x of this.list) x.onFeedback?.(siteId, f).catch((err: unknown) => this.onError(x.name, err));
  }

  booking(siteId: string, n: BookingNotice): void {
    for (const x of this.list) x.onBooking?.(siteId, n).catch((err: unknown) => this.onError(x.name, err));
  }

  async close(): Promise<void> {
    for (const x of this.list) await x.close?.().catch(() => undefined);
  }
}
