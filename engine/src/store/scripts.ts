/**
 * Loads the Lua scripts of store/lua/: each `<verb>-<keys>.lua` is one script (`call-next-4.lua`
 * takes 4 keys). A line `--- @include "name"` is replaced by store/lua/includes/name.lua,
 * itself resolved the same way; each include goes in once per script, at its first mention,
 * so a helper's own includes come before it. Each script is registered with ioredis
 * `defineCommand` under a versioned name. ioredis retries EVALSHA as EVAL after a restart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RedisConn } from '../redis-connection.js';
import { IDEMPOTENCY_TTL_SECONDS, MAX_EVENTS, REPORT_TTL_SECONDS, TICKET_TTL_SECONDS } from './retention.js';

export const LUA_DIR = fileURLToPath(new URL('./lua/', import.meta.url));
const VERSION = 'v2';

/** The packed argument (msgpack) every script takes as ARGV[1]. */
type Cmd = (...args: (string | Buffer)[]) => Promise<string | null>;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** `[seq, number, pos]`, or a JSON string for an Idempotency-Key replay. */
    loketIssueV2: (...args: (string | Buffer)[]) => Promise<string>;
    /** `[seq, values NUL-joined]` (lua/includes/do-call.lua), null when nothing waits. */
    loketCallNextV2: (...args: (string | Buffer)[]) => Promise<string | null>;
    loketFinishAndCallNextV2: (...args: (string | Buffer)[]) => Promise<[string | null, string | null]>;
    loketCallTicketV2: (...args: (string | Buffer)[]) => Promise<string>;
    loketRecallV2: Cmd;
    /** `[seq, values NUL-joined]` (values_reply in lua/includes/ticket-view.lua). */
    loketStartV2: (...args: (string | Buffer)[]) => Promise<string>;
    loketFinishV2: (...args: (string | Buffer)[]) => Promise<string>;
    loketNoShowV2: Cmd;
    loketCancelV2: Cmd;
    loketRequeueV2: Cmd;
    loketTransferV2: Cmd;
    loketCounterUpdateV2: Cmd;
    loketReportApplyV2: (...args: (string | Buffer)[]) => Promise<number>;
    loketConfigApplyV2: Cmd;
    loketBookV2: Cmd;
    loketCancelBookingV2: Cmd;
    loketCheckInV2: Cmd;
    loketBookingNoShowV2: Cmd;
    loketRescheduleBookingV2: Cmd;
  }
}

/** `call-next` -> `loketCallNextV2`. */
export function commandName(verb: string): string {
  const camel = verb.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return `loket${camel.charAt(0).toUpperCase()}${camel.slice(1)}${VERSION.toUpperCase()}`;
}

export const INCLUDE_LINE = /^--- @include "([a-z0-9-]+)"[ \t]*$/gm;

export interface LoadedScript {
  file: string;
  verb: string;
  numberOfKeys: number;
  /** The file as written. */
  source: string;
  /** Every include it pulls in, transitively, in the order they are inlined. */
  includes: string[];
  /** The source with its includes inlined: what Redis runs. */
  lua: string;
}

/** Inlines the includes of `source`; `seen` collects their names (each goes in once). */
export function resolveIncludes(source: string, read: (name: string) => string, seen: string[] = []): string {
  return source.replace(INCLUDE_LINE, (_line, name: string) => {
    if (seen.includes(name)) return `-- (${name}: included above)`;
    seen.push(name);
    return resolveIncludes(read(name), read, seen).trimEnd();
  });
}

export function readInclude(name: string, dir = LUA_DIR): string {
  const path = `${dir}includes/${name}.lua`;
  if (!existsSync(path)) throw new Error(`Lua include "${name}" not found: ${path}`);
  return readFileSync(path, 'utf8');
}

/** The limits of retention.ts a script may name as `'@NAME@'`: written into its text when it is loaded (no argument to pass and decode on every call). */
export const SCRIPT_LIMITS: Readonly<Record<string, number>> = { MAX_EVENTS, TICKET_TTL_SECONDS, IDEMPOTENCY_TTL_SECONDS, REPORT_TTL_SECONDS };

function withLimits(lua: string, file: string): string {
  return lua.replace(/@([A-Z_]+)@/g, (_token, name: string) => {
    const v = SCRIPT_LIMITS[name];
    if (v === undefined) throw new Error(`${file}: unknown limit @${name}@`);
    return String(v);
  });
}

export function loadScripts(dir = LUA_DIR): LoadedScript[] {
  const out: LoadedScript[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = /^([a-z-]+)-(\d+)\.lua$/.exec(file);
    if (!m) continue;
    const [, verb, numberOfKeys] = m as unknown as [string, string, string];
    const twin = out.find((s) => s.verb === verb);
    if (twin) throw new Error(`two scripts for "${verb}" in ${dir}: ${twin.file} and ${file} (a stale build?)`);
    const source = readFileSync(`${dir}${file}`, 'utf8');
    const includes: string[] = [];
    const lua = withLimits(resolveIncludes(source, (name) => readInclude(name, dir), includes), file);
    out.push({ file, verb, numberOfKeys: Number(numberOfKeys), source, includes, lua });
  }
  return out;
}

export function defineScripts(redis: RedisConn): void {
  for (const s of loadScripts()) redis.defineCommand(commandName(s.verb), { numberOfKeys: s.numberOfKeys, lua: s.lua });
}
