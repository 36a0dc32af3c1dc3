/**
 * `/metrics` against real transitions and real sockets: transitions by type count up by what
 * happened, waiting per service matches the ticket list, sockets per namespace match the
 * sockets connected, event-tail lag and Redis command latency are there, and the whole text
 * is valid Prometheus exposition format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { connectRecorder, type Recorder } from '../support/socket-client.js';

let e: TestEngine;
let staff: string;
const siteId = `mx-${Date.now().toString(36)}`;
const site = `/api/v1/sites/${siteId}`;

beforeAll(async () => {
  e = await startTestEngine({ siteId, jobs: false });
  staff = await login(e.url, 'staff-1');
  await api(e.url, 'PATCH', `${site}/counters/1`, { token: staff, body: { status: 'open' } });
});
afterAll(() => e.stop());

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses the Prometheus text format (0.0.4) strictly: `# HELP`/`# TYPE` lines and samples
 * `name{label="value",...} value [timestamp]`; throws on any other line, on a sample whose
 * family has no TYPE, or on a TYPE given twice.
 */
function parseExposition(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const sampleRe = new RegExp(`^(${name})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
  const labelRe = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const t = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (t) {
      if (types.has(t[1]!)) throw new Error(`TYPE twice: ${line}`);
      types.set(t[1]!, t[2]!);
      continue;
    }
    if (new RegExp(`^# HELP ${name} `).test(line)) continue;
    const m = sampleRe.exec(line);
    if (!m) throw new Error(`not a valid line: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      labelRe.lastIndex = 0;
      while (labelRe.lastIndex < m[2].length) {
        const l = labelRe.exec(m[2]);
        if (!l) throw new Error(`bad labels: ${line}`);
        labels[l[1]!] = l[2]!;
      }
    }
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]);
    if (Number.isNaN(value) && m[3] !== 'NaN') throw new Error(`bad value: ${line}`);
    const family = m[1]!.replace(/_(bucket|sum|count)$/, '');
    if (!types.has(m[1]!) && !types.has(family)) throw new Error(`sample without TYPE: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return samples;
}

async function scrape(): Promise<Sample[]> {
  const r = await fetch(`${e.url}/metrics`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await r.text());
}

const value = (s: Sample[], name: string, labels: Record<string, string> = {}): number | undefined =>
  s.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;

describe('/metrics', () => {
  it('counts transitions by type, waiting per service and sockets per namespace as they are', async () => {
    const displays: Recorder[] = await Promise.all(Array.from({ length: 3 }, () => connectRecorder(e.url, '/display', DISPLAY_TOKEN)));
    const desk = await connectRecorder(e.url, '/counter', staff);
    const before = await scrape();
    expect(value(before, 'loket_sockets', { namespace: '/display' })).toBe(3);
    expect(value(before, 'loket_sockets', { namespace: '/counter' })).toBe(1);
    expect(value(before, 'loket_sockets', { namespace: '/public' })).toBe(0);

    const issued: string[] = [];
    for (const serviceId of ['kk', 'kk', 'kk', 'kk', 'ktp', 'ktp']) {
      const t = await api(e.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId } });
      expect(t.status).toBe(201);
      issued.push(t.body.ticket.id);
    }
    for (const id of [issued[0], issued[4]]) {
      expect((await api(e.url, 'POST', `${site}/counters/1/call-ticket`, { token: staff, body: { ticketId: id } })).status).toBe(200);
      expect((await api(e.url, 'POST', `${site}/tickets/${id}/cancel`, { token: staff })).status).toBe(200);
    }
    // Delivered to every screen: the tail has counted them.
    for (const d of [...displays, desk]) await d.waitFor(() => d.events.filter((x) => x.type === 'ticket.cancelled').length >= 2);
    const citizen = await connectRecorder(e.url, '/public', (await api(e.url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'kk' } })).body.ticket.statusToken);
    for (const d of displays) await d.waitFor(() => d.events.filter((x) => x.type === 'ticket.issued').length >= 7);

    const after = await scrape();
    const delta = (type: string): number => (value(after, 'loket_events_total', { type }) ?? 0) - (value(before, 'loket_events_total', { type }) ?? 0);
    expect(delta('ticket.issued')).toBe(7);
    expect(delta('ticket.called')).toBe(2);
    expect(delta('ticket.cancelled')).toBe(2);

    // Waiting per service: as many as the ticket list shows waiting (kk: 3 + the citizen's, ktp: 1).
    const supervisor = await login(e.url, 'supervisor');
    const list = (await api(e.url, 'GET', `${site}/tickets?state=waiting`, { token: supervisor })).body.tickets as { serviceId: string }[];
    const count = (svc: string): number => list.filter((t) => t.serviceId === svc).length;
    expect(count('kk')).toBe(4);
    expect(count('ktp')).toBe(1);
    for (const svc of ['kk', 'ktp', 'paspor']) expect(value(after, 'loket_waiting', { site: siteId, service: svc }), svc).toBe(count(svc));

    expect(value(after, 'loket_sockets', { namespace: '/public' })).toBe(1);
    // Event-tail lag: present, and nothing left undelivered.
    expect(value(after, 'loket_event_tail_lag', { site: siteId })).toBe(0);
    // Redis command latency: the store probe runs every second.
    await new Promise((r) => setTimeout(r, 1100));
    const later = await scrape();
    expect(value(later, 'loket_redis_command_seconds_count')!).toBeGreaterThan(0);
    expect(value(later, 'loket_redis_command_seconds_bucket', { le: '+Inf' })).toBe(value(later, 'loket_redis_command_seconds_count'));
    expect(value(later, 'loket_redis_up')).toBe(1);

    for (const d of [...displays, desk, citizen]) d.close();
    await new Promise((r) => setTimeout(r, 200));
    const closed = await scrape();
    expect(value(closed, 'loket_sockets', { namespace: '/display' })).toBe(0);
    expect(value(closed, 'loket_sockets', { namespace: '/counter' })).toBe(0);
  });
});
