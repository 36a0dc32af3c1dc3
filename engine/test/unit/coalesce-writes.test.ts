import { Writable } from 'node:stream';
import { setImmediate as turnEnd } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { coalesceWrites } from '../../src/redis-connection.js';

/** A writable that records each call the socket would make to the kernel (one per _write/_writev). */
function recorder(): { stream: Writable; calls: string[][] } {
  const calls: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      calls.push([chunk.toString()]);
      cb();
    },
    writev(chunks, cb) {
      calls.push(chunks.map((c) => (c.chunk as Buffer).toString()));
      cb();
    },
  });
  return { stream, calls };
}

describe('coalesceWrites (the command connection)', () => {
  it("sends the writes of one event-loop turn together, in order, at the turn's end", async () => {
    const { stream, calls } = recorder();
    coalesceWrites(stream);
    const sent: string[] = [];
    const send = (s: string): void => {
      sent.push(s);
      stream.write(s);
    };
    send('a');
    process.nextTick(() => send('b'));
    void Promise.resolve().then(() => send('c'));
    await new Promise((r) => process.nextTick(r));
    expect(calls).toEqual([]);
    await turnEnd();
    expect(sent).toHaveLength(3);
    expect(calls).toEqual([sent]);
    // The next turn starts a new group.
    stream.write('d');
    await turnEnd();
    expect(calls).toEqual([sent, ['d']]);
  });

  it('without it, each write is its own call', async () => {
    const { stream, calls } = recorder();
    stream.write('a');
    process.nextTick(() => stream.write('b'));
    await turnEnd();
    expect(calls).toEqual([['a'], ['b']]);
  });
});
