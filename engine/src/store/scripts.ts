/**
 * Loads store/lua/*.lua, prepends the shared prelude `_lib.lua`, reads each script's key
 * count from its name (`call-next-3.lua` has 3 keys) and registers it with ioredis
 * `defineCommand` under a versioned name. ioredis retries EVALSHA as EVAL after a restart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';

const LUA_DIR = fileURLToPath(new URL('./lua/', import.meta.url));
const VERSION = 'v1';

type Cmd = (...args: (string | number)[]) => Promise<string | null>;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    loketIssueV1: Cmd;
    loketCallNextV1: Cmd;
    loketFinishAndCallNextV1: (...args: (string | number)[]) => Promise<[string | null, string | null]>;
    loketCallTicketV1: Cmd;
    loketRecallV1: Cmd;
    loketStartV1: Cmd;
    loketFinishV1: Cmd;
    loketNoShowV1: Cmd;
    loketCancelV1: Cmd;
    loketRequeueV1: Cmd;
    loketTransferV1: Cmd;
    loketCounterUpdateV1: Cmd;
  }
}

/** `call-next` -> `loketCallNextV1`. */
export function commandName(verb: string): string {
  const camel = verb.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return `loket${camel[0]!.toUpperCase()}${camel.slice(1)}${VERSION.toUpperCase()}`;
}

export function defineScripts(redis: Redis): void {
  const lib = readFileSync(`${LUA_DIR}_lib.lua`, 'utf8');
  for (const file of readdirSync(LUA_DIR)) {
    const m = /^([a-z-]+)-(\d+)\.lua$/.exec(file);
    if (!m) continue;
    const [, verb, numberOfKeys] = m as unknown as [string, string, string];
    const body = readFileSync(`${LUA_DIR}${file}`, 'utf8');
    redis.defineCommand(commandName(verb), { numberOfKeys: Number(numberOfKeys), lua: `${lib}\n${body}` });
  }
}
