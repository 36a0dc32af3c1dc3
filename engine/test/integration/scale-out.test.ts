/**
 * Scale-out on a Redis Cluster (run by the `cluster` project only): three engine nodes on one
 * local cluster (3 primaries + 3 replicas, its own, since a test here kills a primary).
 */
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoketEvent } from '../../src/protocol/index.js';
import { JOBS_PREFIX } from '../../src/jobs/timers.js';
import { decodeEntry } from '../../src/store/event-codec.js';
import { keys } from '../../src/store/keys.js';
import { connectRedis, type RedisConn } from '../../src/redis-connection.js';
import { api, DISPLAY_TOKEN, KIOSK_TOKEN, login, startTestEngine, type TestEngine } from '../support/harness.js';
import { startRedisCluster, type RedisClusterHandle } from '../support/redis-cluster.js';
import { connectRecorder } from '../support/socket-client.js';

let cluster: RedisClusterHandle;
let nodes: TestEngine[] = [];
let redis: RedisConn;
let staff: string;
const siteId = `so-${Date.now().toString(36)}`;
const site = `/api/v1/sites/${siteId}`;

beforeAll(async () => {
  cluster = await startRedisCluster({ nodeTimeoutMs: 1000 });
  for (let i = 0; i < 3; i++) nodes.push(await startTestEngine({ redisUrl: cluster.url, siteId, jobs: false }));
  redis = connectRedis(cluster.url);
  redis.on('error', () => undefined);
  staff = await login(nodes[0]!.url, 'staff-1');
  expect((await api(nodes[0]!.url, 'PATCH', `${site}/counters/1`, { token: staff, body: { status: 'open' } })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  for (const n of nodes) await n.stop().catch(() => undefined);
  redis?.disconnect();
  await cluster?.stop();
});

async function issue(url: string): Promise<{ status: number; id?: string }> {
  const r = await api(url, 'POST', `${site}/tickets`, { token: KIOSK_TOKEN, body: { serviceId: 'ktp' } });
  return { status: r.status, ...(r.status === 201 ? { id: r.body.ticket.id as string } : {}) };
}

const seqs = (events: LoketEvent[]) => events.map((e) => e.seq);
const consecutive = (xs: number[]) => xs.every((x, i) => i === 0 || x === xs[i - 1]! + 1);

describe('three engine nodes on a Redis Cluster', () => {
  it('delivers a call made on node 1 to displays on nodes 2 and 3', async () => {
    const d2 = await connectRecorder(nodes[1]!.url, '/display', DISPLAY_TOKEN);
    const d3 = await connectRecorder(nodes[2]!.url, '/display', DISPLAY_TOKEN);
    const t = await issue(nodes[0]!.url);
    const c = await api(nodes[0]!.url, 'POST', `${site}/counters/1/call-ticket`, { token: staff, body: { ticketId: t.id } });
    expect(c.status).toBe(200);
    for (const d of [d2, d3]) {
      await d.waitFor(() => d.events.some((e) => e.type === 'ticket.called'));
      expect(d.events.find((e) => e.type === 'ticket.called')).toMatchObject({ siteId, counterId: '1', seq: c.body.seq });
      d.close();
    }
    await api(nodes[0]!.url, 'POST', `${site}/tickets/${t.id}/cancel`, { token: staff });
  });

  it('loses no event for a display whose node is killed: it resumes on another node', async () => {
    const spare = await startTestEngine({ redisUrl: cluster.url, siteId, jobs: false });
    const d = await connectRecorder(spare.url, '/display', DISPLAY_TOKEN);
    const from = d.lastSeq;
    let pouring = true;
    const poured = (async () => {
      while (pouring) await issue(nodes[0]!.url);
    })();
    await d.waitFor(() => d.events.length >= 5);
    await spare.stop(); // the node goes away with its sockets
    await new Promise((r) => setTimeout(r, 300)); // events keep coming meanwhile
    pouring = false;
    await poured;
    // The display comes back on another node and asks for what it missed since its last seq.
    const d2 = await connectRecorder(nodes[1]!.url, '/display', DISPLAY_TOKEN);
    d2.events.length = 0;
    d2.lastSeq = d.lastSeq;
    const ack = await d2.resume(d.lastSeq);
    expect(ack).toMatchObject({ ok: true });
    const head = Number(await redis.get(keys.eventSeq(siteId)));
    await d2.waitFor(() => d2.lastSeq >= head);
    // What the display saw before the kill and after the resume joins without a gap.
    const all = [...d.events, ...d2.events].filter((e, i, xs) => xs.findIndex((x) => x.seq === e.seq) === i).sort((a, b) => a.seq - b.seq);
    expect(all[0]!.seq).toBe(from + 1);
    expect(consecutive(seqs(all))).toBe(true);
    expect(all.at(-1)!.seq).toBe(head);
    d2.close();
  });

  it('runs each timed job once with two nodes working the queue', async () => {
    const a = await startTestEngine({ redisUrl: cluster.url, siteId, jobs: true });
    const b = await startTestEngine({ redisUrl: cluster.url, siteId, jobs: true });
    const conns = [connectRedis(cluster.url, 'jobs'), connectRedis(cluster.url, 'jobs')];
    for (const c of conns) c.on('error', () => undefined);
    const events = new QueueEvents('loket-timers', { connection: conns[0]!, prefix: JOBS_PREFIX });
    await events.waitUntilReady();
    const done: string[] = [];
    events.on('completed', ({ jobId }) => void done.push(jobId));
    await new Promise((r) => setTimeout(r, 4500));
    await events.close();
    const queue = new Queue('loket-timers', { connection: conns[1]!, prefix: JOBS_PREFIX });
    const schedulers = await queue.getJobSchedulers();
    await queue.close();
    for (const c of conns) c.disconnect();
    await a.stop();
    await b.stop();
    // One scheduler per timer however many nodes upsert it; each run completes once.
    expect(schedulers.map((s) => s.key).sort()).toEqual(['booking-no-show', 'end-of-day', 'no-show']);
    expect(new Set(done).size).toBe(done.length);
    const noShowRuns = done.filter((id) => id.includes('no-show')).length;
    expect(noShowRuns).toBeGreaterThanOrEqual(2);
    expect(noShowRuns).toBeLessThanOrEqual(6); // one a second, not one per node
  });

  it('keeps serving after the primary of the site is killed (its replica promoted); reports what was lost', async () => {
    const primary = await cluster.primaryOf(keys.events(siteId));
    const acked: string[] = [];
    let refused = 0;
    let pouring = true;
    const poured = (async () => {
      while (pouring) {
        const r = await issue(nodes[0]!.url).catch(() => ({ status: 0 }) as { status: number; id?: string });
        if (r.id) acked.push(r.id);
        else refused++;
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    const ackedBeforeKill = acked.length;
    cluster.nodes.find((n) => n.port === primary)!.kill();
    await cluster.waitHealthy(30_000);
    const promoted = await cluster.primaryOf(keys.events(siteId));
    // Serving again through every node after the failover.
    const deadline = Date.now() + 20_000;
    let after = 0;
    while (after < 5 && Date.now() < deadline) if (await issue(nodes[2]!.url).then((r) => r.status === 201)) after++;
    pouring = false;
    await poured;
    expect(promoted).not.toBe(primary);
    expect(after).toBe(5);

    // Acknowledged tickets that the promoted replica does not have (replication is
    // asynchronous: a write acked in the last instant before the crash may be lost).
    const lost: string[] = [];
    for (const id of acked) if (!(await redis.exists(keys.ticket(siteId, id)))) lost.push(id);
    console.log(`primary kill: ${acked.length} tickets acknowledged (${ackedBeforeKill} before the kill), ${refused} requests refused during failover, ${lost.length} acknowledged lost`);

    // The invariants hold on what survived: a gap-free log whose head is the seq, every
    // ticket of the log exists in the state its last event says, every waiting one queued.
    const entries = await redis.xrange(keys.events(siteId), '-', '+');
    const log = entries.map(([, f]) => decodeEntry(f));
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => log[0]!.seq + i));
    expect(Number(await redis.get(keys.eventSeq(siteId)))).toBe(log.at(-1)!.seq);
    const last = new Map<string, string>();
    for (const e of log) if (e.t?.id && e.t.state) last.set(e.t.id, e.t.state);
    for (const [id, state] of last) {
      expect(await redis.hget(keys.ticket(siteId, id), 'state')).toBe(state);
      expect((await redis.zscore(keys.queue(siteId, 'ktp'), id)) !== null).toBe(state === 'waiting');
    }
    // Displays on every node still get the flow.
    const d = await connectRecorder(nodes[1]!.url, '/display', DISPLAY_TOKEN);
    const t = await issue(nodes[0]!.url);
    await d.waitFor(() => d.events.some((e) => e.type === 'ticket.issued' && 'ticket' in e && e.ticket.id === t.id), 10_000);
    d.close();
  }, 90_000);
});
