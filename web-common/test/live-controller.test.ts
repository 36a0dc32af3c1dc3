import { afterEach, describe, expect, it } from 'vitest';
import type { LoketEvent, Snapshot } from '@loket/engine/protocol';
import { LiveController, type LiveOptions } from '../src/live/live-controller.js';
import { TestHost, until } from './support/host.js';
import { eventAt, snapshotAt, startLiveServer, type LiveServer, type LiveServerScript } from './support/live-server.js';

const NS = '/display';
let server: LiveServer | null = null;
let host: TestHost | null = null;

afterEach(async () => {
  host?.disconnect();
  host = null;
  await server?.close();
  server = null;
});

interface Client {
  live: LiveController;
  snapshots: Snapshot[];
  events: number[];
}

async function connect(script: LiveServerScript, opts: Partial<LiveOptions> = {}): Promise<Client> {
  server = await startLiveServer(NS, script);
  host = new TestHost();
  const snapshots: Snapshot[] = [];
  const events: number[] = [];
  const origin = server.origin;
  const live = new LiveController(host, {
    namespace: NS,
    origin: () => origin,
    token: () => 'token',
    onSnapshot: (s) => snapshots.push(s),
    onEvent: (e: LoketEvent) => events.push(e.seq),
    retry: { baseMs: 40, maxMs: 400, random: () => 0.5 },
    answerTimeoutMs: 300,
    ...opts,
  });
  host.connect();
  return { live, snapshots, events };
}

describe('live controller against a real Socket.IO server', () => {
  for (const code of ['STORE_UNAVAILABLE', 'RATE_LIMITED']) {
    it(`retries a ${code} refusal with growing, jittered delays until the server accepts`, async () => {
      const c = await connect({ handshake: (n) => (n < 4 ? code : null) });
      await until(() => c.live.state === 'live' && c.snapshots.length === 1, 'live after the refusals');
      const hs = server!.handshakes;
      expect(hs.map((h) => h.refused)).toEqual([code, code, code, code, null]);
      expect(c.live.refusal).toBeNull();
      // random 0.5: three quarters of 40, 80, 160, 320 ms.
      const gaps = hs.slice(1).map((h, i) => h.at - hs[i]!.at);
      [30, 60, 120, 240].forEach((least, i) => expect(gaps[i], `gap ${i}`).toBeGreaterThanOrEqual(least - 5));
      expect(gaps[3]!).toBeGreaterThan(gaps[0]!);
    });
  }

  for (const code of ['UNAUTHENTICATED', 'FORBIDDEN']) {
    it(`stops on ${code} and reports it to the host`, async () => {
      const c = await connect({ handshake: () => code });
      await until(() => c.live.state === 'refused', 'refused');
      expect(c.live.refusal).toBe(code);
      await new Promise((r) => setTimeout(r, 400));
      expect(server!.handshakes.length).toBe(1);
      expect(host!.updates).toBeGreaterThan(0);
    });
  }

  it('reconnects by itself after the server closes the socket', async () => {
    const c = await connect({
      onConnection: (socket, n) => {
        if (n === 0) socket.disconnect(true);
        else socket.emit('snapshot', snapshotAt(7));
      },
    });
    await until(() => c.snapshots.length === 1, 'a snapshot on the second connection');
    expect(server!.handshakes.length).toBe(2);
    expect(c.live.state).toBe('live');
    expect(c.live.seq.lastSeq).toBe(7);
  });

  it('fills a seq gap with resume, applying each event once and in order', async () => {
    const c = await connect({
      onConnection: (socket) => {
        socket.emit('snapshot', snapshotAt(1));
        socket.emit('event', eventAt(2));
        socket.emit('event', eventAt(4));
      },
      resume: (since, socket) => {
        for (let s = since + 1; s <= 4; s++) socket.emit('event', eventAt(s));
        return { ok: true, count: 4 - since };
      },
    });
    await until(() => c.events.length === 3, 'three events');
    expect(c.events).toEqual([2, 3, 4]);
    expect(server!.resumes).toEqual([2]);
    expect(c.live.seq.behind()).toBe(false);
  });

  it('falls back to a snapshot when resume fails, and keeps asking until one comes', async () => {
    const c = await connect({
      onConnection: (socket) => {
        socket.emit('snapshot', snapshotAt(1));
        socket.emit('event', eventAt(3));
      },
      resume: () => ({ ok: false, count: 0, error: 'STORE_UNAVAILABLE' }),
      snapshot: (n) => (n < 2 ? undefined : snapshotAt(9)),
    });
    await until(() => c.snapshots.length === 2, 'the fresh snapshot', 8000);
    expect(server!.snapshotRequests).toBe(3);
    expect(c.snapshots[1]!.seq).toBe(9);
    expect(c.live.seq.lastSeq).toBe(9);
    expect(c.live.state).toBe('live');
  });

  it('asks for a snapshot when resume goes unanswered', async () => {
    const c = await connect({
      onConnection: (socket) => {
        socket.emit('snapshot', snapshotAt(1));
        socket.emit('event', eventAt(5));
      },
      resume: () => undefined,
      snapshot: () => snapshotAt(5),
    });
    await until(() => c.snapshots.length === 2, 'the snapshot after the timeout');
    expect(server!.resumes).toEqual([1]);
    expect(c.live.seq.lastSeq).toBe(5);
  });

  it('closes the socket when the host leaves the page, and opens again when it comes back', async () => {
    const c = await connect({});
    await until(() => c.live.state === 'live', 'live');
    host!.disconnect();
    expect(c.live.state).toBe('idle');
    await until(() => server!.io.of(NS).sockets.size === 0, 'the server saw the close');
    host!.connect();
    await until(() => c.live.state === 'live' && server!.handshakes.length === 2, 'live again');
  });
});
