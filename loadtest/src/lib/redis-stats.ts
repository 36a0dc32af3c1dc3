/** Redis-side cost of a run: CPU (INFO cpu) and commands per type (INFO commandstats). */
import { Redis } from 'ioredis';

export interface RedisSample {
  cpuMs: number;
  commands: Map<string, { calls: number; usec: number }>;
  netInputBytes: number;
  netOutputBytes: number;
}

/** A numeric field of an INFO section's text (0 when absent). */
export function infoNumber(text: string, key: string): number {
  return Number(new RegExp(`^${key}:([\\d.]+)`, 'm').exec(text)?.[1] ?? 0);
}

/** Calls and microseconds per command, from INFO commandstats's text. */
export function commandStats(text: string): Map<string, { calls: number; usec: number }> {
  const commands = new Map<string, { calls: number; usec: number }>();
  for (const m of text.matchAll(/cmdstat_([^:]+):calls=(\d+),usec=(\d+)/g)) commands.set(m[1] as string, { calls: Number(m[2]), usec: Number(m[3]) });
  return commands;
}

const cpuMsOf = (cpu: string): number => (infoNumber(cpu, 'used_cpu_sys') + infoNumber(cpu, 'used_cpu_user')) * 1000;

/** Redis's CPU so far (INFO cpu, user + sys, ms), read on a connection already open. */
export async function redisCpuMs(conn: Pick<Redis, 'info'>): Promise<number> {
  return cpuMsOf(await conn.info('cpu'));
}

export async function sampleRedis(url: string): Promise<RedisSample> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    const [cpu, cmd, stats] = await Promise.all([r.info('cpu'), r.info('commandstats'), r.info('stats')]);
    return {
      cpuMs: cpuMsOf(cpu),
      commands: commandStats(cmd),
      netInputBytes: infoNumber(stats, 'total_net_input_bytes'),
      netOutputBytes: infoNumber(stats, 'total_net_output_bytes'),
    };
  } finally {
    r.disconnect();
  }
}

/** `sampleRedis` over several servers (a cluster's primaries on loopback), summed. */
export async function sampleRedisAll(ports: number[]): Promise<RedisSample> {
  const all = await Promise.all(ports.map((p) => sampleRedis(`redis://127.0.0.1:${p}`)));
  const commands = new Map<string, { calls: number; usec: number }>();
  for (const s of all)
    for (const [k, v] of s.commands) {
      const c = commands.get(k) ?? { calls: 0, usec: 0 };
      commands.set(k, { calls: c.calls + v.calls, usec: c.usec + v.usec });
    }
  return {
    cpuMs: all.reduce((a, s) => a + s.cpuMs, 0),
    commands,
    netInputBytes: all.reduce((a, s) => a + s.netInputBytes, 0),
    netOutputBytes: all.reduce((a, s) => a + s.netOutputBytes, 0),
  };
}

export interface CostReport {
  seconds: number;
  /** Share of one core used by each process over the window (1 = a full core). */
  engineCores: number;
  redisCores: number;
  /** Per successful request of the driver. */
  perRequest: { engineCpuMs: number; redisCpuMs: number; redisCommands: number; redisBytesIn: number; redisBytesOut: number };
  /** The Redis commands that took the most server time, per request. */
  topCommands: { command: string; callsPerRequest: number; usecPerRequest: number }[];
}

export function costBetween(a: RedisSample, b: RedisSample, engineCpuMs: number, seconds: number, requests: number): CostReport {
  const n = Math.max(1, requests);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  const diffs = [...b.commands].map(([command, v]) => {
    const p = a.commands.get(command) ?? { calls: 0, usec: 0 };
    return { command, calls: v.calls - p.calls, usec: v.usec - p.usec };
  });
  const calls = diffs.reduce((s, d) => s + d.calls, 0);
  return {
    seconds: r3(seconds),
    engineCores: r3(engineCpuMs / 1000 / seconds),
    redisCores: r3((b.cpuMs - a.cpuMs) / 1000 / seconds),
    perRequest: {
      engineCpuMs: r3(engineCpuMs / n),
      redisCpuMs: r3((b.cpuMs - a.cpuMs) / n),
      redisCommands: r3(calls / n),
      redisBytesIn: Math.round((b.netInputBytes - a.netInputBytes) / n),
      redisBytesOut: Math.round((b.netOutputBytes - a.netOutputBytes) / n),
    },
    topCommands: diffs
      .filter((d) => d.calls > 0)
      .sort((x, y) => y.usec - x.usec)
      .slice(0, 8)
      .map((d) => ({ command: d.command, callsPerRequest: r3(d.calls / n), usecPerRequest: Math.round(d.usec / n) })),
  };
}

export function formatCost(c: CostReport): string {
  const p = c.perRequest;
  return [
    `cost: engine ${c.engineCores} cores, redis ${c.redisCores} cores; per request: engine CPU ${p.engineCpuMs} ms, redis CPU ${p.redisCpuMs} ms, ${p.redisCommands} redis commands, ${p.redisBytesIn} B in / ${p.redisBytesOut} B out`,
    `  top redis commands per request: ${c.topCommands.map((t) => `${t.command} x${t.callsPerRequest} ${t.usecPerRequest}us`).join(', ')}`,
  ].join('\n');
}
