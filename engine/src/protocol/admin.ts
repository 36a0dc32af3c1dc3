/**
 * Types of the administration API (issue 13): live configuration, audit log, device tokens,
 * accounts and outgoing webhooks. Shared with the `<loket-admin>` client.
 */

/** Events an outgoing webhook may subscribe to. */
export const WEBHOOK_EVENT = {
  issued: 'ticket.issued',
  called: 'ticket.called',
  finished: 'ticket.finished',
  noShow: 'ticket.no_show',
  positionNear: 'position.near',
  feedback: 'feedback.received',
  bookingCreated: 'booking.created',
  bookingCancelled: 'booking.cancelled',
  bookingCheckedIn: 'booking.checked_in',
  bookingRescheduled: 'booking.rescheduled',
  bookingNoShow: 'booking.no_show',
  bookingReminder: 'booking.reminder',
} as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT)[keyof typeof WEBHOOK_EVENT];

/** One line of `GET /api/v1/sites/:site/audit`: who changed what, when, before and after. */
export interface AuditEntry {
  /** Stream id: increasing, `<ms>-<n>`. */
  id: string;
  /** ISO 8601. */
  at: string;
  /** Username (devices: `device:<id>`), or `system`. */
  actor: string;
  role: string;
  /** `config.put`, `service.create`, `counter.update`, `device.revoke`, `ticket.transfer`... */
  action: string;
  /** What it changed: `service:ktp`, `counter:12`, `ticket:A-012`, `site.hours`... */
  target: string;
  before: unknown;
  after: unknown;
}

/** `GET .../devices`: a device token's facts, never the token. */
export interface DeviceInfo {
  id: string;
  role: 'kiosk' | 'display';
  name?: string;
  createdAt?: string;
  expiresAt?: string;
  demo: boolean;
  /** Whether its expiry has passed. */
  expired: boolean;
}

/** `POST .../devices` answer: the token is shown this once. */
export interface DeviceCreated {
  device: DeviceInfo;
  token: string;
}

/** An account as administrators see it (no password hash). */
export interface AccountInfo {
  username: string;
  role: string;
  agencyIds: string[];
  counterIds: string[];
  displayName?: string;
  disabled: boolean;
  /** Whether a password is set (false until the set-password link is used). */
  hasPassword: boolean;
}

/** `POST .../accounts` (and `.../accounts/:username/password-link`) answer: the link is shown this once. */
export interface AccountCreated {
  account: AccountInfo;
  /** Path of the set-password page with its one-time token (valid 72 h). */
  setPasswordUrl: string;
}

/** An outgoing webhook endpoint. `secret` only in the `POST` answer. */
export interface WebhookDto {
  id: string;
  url: string;
  events: WebhookEventType[];
  /** `whsec_<base64>`: shown once. */
  secret?: string;
  disabled: boolean;
  /** Failed attempts in a row (reset by a success); at the limit the endpoint is disabled. */
  failuresInRow: number;
  createdAt: string;
}

/** One message to one endpoint, with its attempts. */
export interface WebhookDelivery {
  /** The `webhook-id`: the same on every retry and redelivery. */
  id: string;
  type: WebhookEventType;
  /** The event's time (ISO 8601). */
  at: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus?: number;
  lastError?: string;
  lastAttemptAt?: string;
}

/** What an endpoint receives (`POST`, JSON), signed per Standard Webhooks. */
export interface WebhookPayload {
  /** Equals the `webhook-id` header. */
  id: string;
  type: WebhookEventType;
  at: string;
  siteId: string;
  /** The event's data: a ticket without its status token, no personal data. */
  data: Record<string, unknown>;
}
