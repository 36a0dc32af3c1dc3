/**
 * The site file: one mall with its agencies, services, counters, displays, users and devices.
 * Validated at start; a bad file is refused with a message naming the field.
 */
import { z } from 'zod';
import { ROLE } from '../protocol/index.js';

export const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, - or _');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const dayKey = z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$/, 'mon..sun or a range like mon-fri');

/** Opening hours per day or day range (`{"mon-thu": ["07:30", "16:00"], "fri": ["07:30", "16:30"]}`); a day left out is closed. */
export const hoursSchema = z.record(dayKey, z.tuple([hhmm, hhmm]));
/** A daily closure on some days (Friday prayer): no tickets issued and no booking slot then. */
export const breakSchema = z.object({ days: dayKey, from: hhmm, to: hhmm, name: z.string().max(100).optional() });
/** A day closed all day: no tickets, no booking slots. */
export const holidaySchema = z.object({ date: ymd, name: z.string().min(1).max(100), nameEn: z.string().min(1).max(100).optional() });
/** A lobby screen: the agencies whose calls it shows, and its running text. */
export const displaySchema = z.object({
  id,
  name: z.string(),
  agencies: z.union([z.literal('all'), z.array(id)]),
  /** The line that scrolls at the bottom (else the default welcome). */
  runningText: z.string().max(500).optional(),
});

export const serviceSchema = z.object({
  id,
  name: z.string().min(1),
  /** English name, shown when a page is in English (else `name`). */
  nameEn: z.string().min(1).optional(),
  /** Other agencies whose counters may also be given this service (else only its own agency's). */
  sharedWith: z.array(id).optional(),
  prefix: z.string().regex(/^[A-Z]{1,3}$/, '1-3 capital letters'),
  avgServiceMinutes: z.number().positive(),
  quotaPerDay: z.number().int().positive().optional(),
  sla: z.object({ minutes: z.number().positive(), share: z.number().min(0).max(1) }).default({ minutes: 30, share: 0.8 }),
  /** Online booking of this service (defaults in domain/booking.ts). */
  booking: z
    .object({
      enabled: z.boolean().optional(),
      slotMinutes: z.number().int().min(5).max(240).optional(),
      capacityPerSlot: z.number().int().min(0).optional(),
      walkInShare: z.number().min(0).max(1).optional(),
      daysAhead: z.number().int().min(0).max(90).optional(),
      checkInBeforeMinutes: z.number().min(0).max(240).optional(),
      checkInAfterMinutes: z.number().min(0).max(240).optional(),
    })
    .strict()
    .optional(),
});

export const userSchema = z.object({
  username: z.string().min(1).max(64),
  passwordHash: z.string().startsWith('scrypt$'),
  role: z.enum(Object.values(ROLE)),
  agencyIds: z.array(id).default([]),
  counterIds: z.array(z.string()).default([]),
  displayName: z.string().optional(),
  /** Demo credentials: refused when NODE_ENV=production. */
  demo: z.boolean().default(false),
  /** A disabled account cannot log in; its sessions end at once. */
  disabled: z.boolean().default(false),
});

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO 8601 time');

const deviceSchema = z.object({
  id,
  role: z.enum([ROLE.kiosk, ROLE.display]),
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  demo: z.boolean().default(false),
  name: z.string().max(100).optional(),
  createdAt: isoTime.optional(),
  /** After this time the token is refused. */
  expiresAt: isoTime.optional(),
});

export const counterSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'letters, digits or -, at most 16'),
  name: z.string().optional(),
  agencyId: id,
  /** Tiers: tier 1 first. */
  services: z.array(z.array(id).min(1)).min(1),
});

/**
 * An agency's short names for tight places (the lobby's waiting chips): "Disdukcapil" for
 * "Dinas Kependudukan dan Pencatatan Sipil". Optional: without one the name is shown.
 */
const agencyShortNames = { shortName: z.string().min(1).max(32).optional(), shortNameEn: z.string().min(1).max(32).optional() };

export const siteSchema = z.object({
  id,
  name: z.string().min(1),
  timezone: z.string().default('Asia/Jakarta'),
  hours: hoursSchema,
  /** Closed for a while on some days (Friday prayer): no tickets issued then. */
  breaks: z.array(breakSchema).default([]),
  /** Closed all day (national holidays, editable). */
  holidays: z.array(holidaySchema).default([]),
  /** `position.near` webhooks fire when a ticket has this many people ahead. */
  positionNearAhead: z.number().int().min(0).max(50).default(3),
  priorityBoostMinutes: z.object({ priority: z.number().min(0), appointment: z.number().min(0) }),
  noShowMinutes: z.number().positive().default(5),
  /** Online booking, site-wide (defaults in domain/booking.ts). */
  booking: z
    .object({
      identity: z.enum(['nik', 'phone', 'either']).optional(),
      cancelCooldownMinutes: z.number().min(0).max(1440).optional(),
      holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')).optional(),
      breaks: z.array(z.tuple([hhmm, hhmm])).optional(),
    })
    .strict()
    .optional(),
  agencies: z.array(z.object({ id, name: z.string().min(1), nameEn: z.string().min(1).optional(), ...agencyShortNames, services: z.array(serviceSchema).min(1) })).min(1),
  counters: z.array(counterSchema).min(1),
  displays: z.array(displaySchema).default([]),
  users: z.array(userSchema).default([]),
  devices: z.array(deviceSchema).default([]),
});

export type SiteFile = z.infer<typeof siteSchema>;
export type ServiceDef = z.infer<typeof serviceSchema> & { agencyId: string };
export type UserDef = z.infer<typeof userSchema>;
export type DeviceDef = z.infer<typeof deviceSchema>;

/** A validated site with lookups. */
export interface Site {
  def: SiteFile;
  id: string;
  services: Map<string, ServiceDef>;
  counters: Map<string, SiteFile['counters'][number] & { name: string }>;
}

/** One bad field of a site definition. */
export interface SiteIssue {
  path: string;
  message: string;
}

/** Validates a parsed site file; throws an Error naming every bad field. */
export function parseSite(raw: unknown, source = 'site file'): Site {
  const r = validateSite(raw);
  if ('issues' in r) throw new Error(`Invalid ${source}:\n${r.issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
  return r.site;
}

/** Validates a site definition (the file's shape): the site, or every bad field by its path. */
export function validateSite(raw: unknown): { site: Site } | { issues: SiteIssue[] } {
  const r = siteSchema.safeParse(raw);
  if (!r.success) return { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  const def = r.data;
  const problems: string[] = [];
  const services = new Map<string, ServiceDef>();
  const prefixes = new Set<string>();
  const agencyIds = new Set<string>();
  def.agencies.forEach((a, ai) => {
    if (agencyIds.has(a.id)) problems.push(`agencies.${ai}.id: duplicate agency "${a.id}"`);
    agencyIds.add(a.id);
    a.services.forEach((s, si) => {
      if (services.has(s.id)) problems.push(`agencies.${ai}.services.${si}.id: duplicate service "${s.id}"`);
      if (prefixes.has(s.prefix)) problems.push(`agencies.${ai}.services.${si}.prefix: duplicate prefix "${s.prefix}"`);
      prefixes.add(s.prefix);
      services.set(s.id, { ...s, agencyId: a.id });
    });
  });
  const counters: Site['counters'] = new Map();
  def.counters.forEach((c, ci) => {
    if (counters.has(c.id)) problems.push(`counters.${ci}.id: duplicate counter "${c.id}"`);
    if (!agencyIds.has(c.agencyId)) problems.push(`counters.${ci}.agencyId: unknown agency "${c.agencyId}"`);
    c.services.forEach((tier, ti) =>
      tier.forEach((s, k) => {
        if (!services.has(s)) problems.push(`counters.${ci}.services.${ti}.${k}: unknown service "${s}"`);
      }),
    );
    counters.set(c.id, { ...c, name: c.name ?? `Loket ${c.id}` });
  });
  Object.entries(def.hours).forEach(([day, [open, close]]) => {
    if (close <= open) problems.push(`hours.${day}.1: closing time must be after opening time ${open}`);
  });
  def.breaks.forEach((b, bi) => {
    if (b.to <= b.from) problems.push(`breaks.${bi}.to: must be after ${b.from}`);
  });
  const holidayDates = new Set<string>();
  def.holidays.forEach((h, hi) => {
    if (holidayDates.has(h.date)) problems.push(`holidays.${hi}.date: duplicate holiday "${h.date}"`);
    holidayDates.add(h.date);
  });
  const displayIds = new Set<string>();
  def.displays.forEach((d, di) => {
    if (displayIds.has(d.id)) problems.push(`displays.${di}.id: duplicate display "${d.id}"`);
    displayIds.add(d.id);
    if (d.agencies !== 'all')
      d.agencies.forEach((a, k) => {
        if (!agencyIds.has(a)) problems.push(`displays.${di}.agencies.${k}: unknown agency "${a}"`);
      });
  });
  const usernames = new Set<string>();
  def.users.forEach((u, ui) => {
    if (usernames.has(u.username)) problems.push(`users.${ui}.username: duplicate user "${u.username}"`);
    usernames.add(u.username);
    u.agencyIds.forEach((a, k) => {
      if (!agencyIds.has(a)) problems.push(`users.${ui}.agencyIds.${k}: unknown agency "${a}"`);
    });
    u.counterIds.forEach((c, k) => {
      if (!counters.has(c)) problems.push(`users.${ui}.counterIds.${k}: unknown counter "${c}"`);
    });
  });
  const deviceIds = new Set<string>();
  def.devices.forEach((d, di) => {
    if (deviceIds.has(d.id)) problems.push(`devices.${di}.id: duplicate device "${d.id}"`);
    deviceIds.add(d.id);
  });
  try {
    new Intl.DateTimeFormat('en', { timeZone: def.timezone });
  } catch {
    problems.push(`timezone: unknown time zone "${def.timezone}"`);
  }
  if (problems.length) {
    return {
      issues: problems.map((p) => {
        const at = p.indexOf(': ');
        return { path: p.slice(0, at), message: p.slice(at + 2) };
      }),
    };
  }
  return { site: { def, id: def.id, services, counters } };
}
