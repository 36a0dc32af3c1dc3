/**
 * Static checks of store/lua (no Redis): headers tell the truth (keys, packed fields, error
 * codes), includes exist and are used, no Lua file builds a key name by hand, and each typed
 * call in store/script-calls.ts sends the keys and fields its script's header names.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { unpack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE } from '../../src/protocol/index.js';
import { keys } from '../../src/store/keys.js';
import { MAX_EVENTS, TICKET_TTL_SECONDS } from '../../src/store/retention.js';
import { configApply } from '../../src/store/config-scripts.js';
import * as bookingCalls from '../../src/store/booking-scripts.js';
import * as calls from '../../src/store/script-calls.js';
import { commandName, INCLUDE_LINE, loadScripts, LUA_DIR, readInclude } from '../../src/store/scripts.js';

/** The scripts as files (include lines left as they are). */
const scriptFiles = readdirSync(LUA_DIR)
  .filter((f) => /^[a-z-]+-\d+\.lua$/.test(f))
  .map((file) => ({ file, source: readFileSync(`${LUA_DIR}${file}`, 'utf8') }));
/** The scripts as Redis gets them; a missing include fails the test that checks includes, not the whole file. */
const loaded = ((): ReturnType<typeof loadScripts> | Error => {
  try {
    return loadScripts();
  } catch (err) {
    return err as Error;
  }
})();
const scripts = loaded instanceof Error ? [] : loaded;
const includeNames = readdirSync(`${LUA_DIR}includes/`)
  .filter((f) => f.endsWith('.lua'))
  .map((f) => f.slice(0, -'.lua'.length));
const includeSource = new Map(includeNames.map((n) => [n, readInclude(n)]));

/** The leading comment block of a file. */
const headerOf = (src: string): string[] => {
  const lines: string[] = [];
  for (const l of src.split('\n')) {
    if (!l.startsWith('--') || l.startsWith('--- @include')) break;
    lines.push(l);
  }
  return lines;
};
const includesOf = (src: string): string[] => [...src.matchAll(INCLUDE_LINE)].map((m) => m[1]!);
const errorCodesOf = (src: string): Set<string> => new Set([...src.matchAll(/redis\.error_reply\(\s*'([A-Z_]+)'\s*\)/g)].map((m) => m[1]!));
const packedFieldsOf = (src: string): Set<string> => new Set([...src.matchAll(/\bA\.([A-Za-z_]\w*)/g)].map((m) => m[1]!));
/** The code of a script and of everything it includes, without comments. */
const codeOf = (s: (typeof scripts)[number]): string[] => [s.source, ...s.includes.map((n) => includeSource.get(n) ?? '')].map(stripComments);
const stripComments = (src: string): string => src.replace(/--.*$/gm, '');

/** Header fields: `-- Errors: A, B` and `-- ARGV[1] msgpack map {a, b,\n--   c}`. */
function parseHeader(src: string) {
  const header = headerOf(src);
  const text = header.join('\n');
  const errors = /^-- Errors: (.*)$/m.exec(text)?.[1];
  const fields = /ARGV\[1\] msgpack map \{([^}]*)\}/.exec(text.replace(/\n--\s*/g, ' '))?.[1];
  const keyNumbers = [...text.matchAll(/KEYS\[(\d+)\]/g)].map((m) => Number(m[1]));
  return {
    header,
    errors: errors === undefined ? undefined : errors.trim() === 'none' ? new Set<string>() : new Set(errors.split(',').map((e) => /^\s*([A-Z_]+)/.exec(e)?.[1] ?? e.trim())),
    fields: fields === undefined ? undefined : new Set(fields.split(',').map((f) => f.trim())),
    keyNumbers,
  };
}

/** The names keys.ts gives key parts (`q`, `t`, `st`, `noshow`, ...), read off the built keys themselves. */
function keyNames(): Set<string> {
  const names = new Set<string>();
  const placeholders = new Set(['SITE', 'ARG1', 'ARG2', 'ARG3', '{SITE}']);
  for (const build of Object.values(keys) as ((...a: string[]) => string)[]) {
    for (const part of build('SITE', 'ARG1', 'ARG2', 'ARG3').split(':')) if (part && !placeholders.has(part)) names.add(part);
  }
  names.delete('-');
  return names;
}

/** Hash fields spelled like a key part (the ticket's business `day`): read by name, not keys. */
const HASH_FIELDS = new Set(['day']);

/** String literals in Lua source that spell a key name or a key part: `'q:'`, `':wait'`, `'noshow'`. */
function keySuffixLiterals(src: string, names: Set<string>): string[] {
  const literals = [...stripComments(src).matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)].map((m) => m[1] ?? m[2] ?? '');
  // A `{` opens a hash tag, unless it opens a JSON object or member (`{"`) of an event a script writes.
  return literals.filter((s) => s.endsWith(':') || s.startsWith(':') || (names.has(s) && !HASH_FIELDS.has(s)) || s.includes('loket') || /\{(?!")/.test(s));
}

describe('Lua scripts', () => {
  it('finds the scripts and their includes', () => {
    expect(loaded instanceof Error ? loaded.message : '').toBe('');
    expect(scripts.length).toBe(scriptFiles.length);
    expect(scripts.length).toBeGreaterThanOrEqual(12);
    expect(includeNames.length).toBeGreaterThan(0);
    expect(existsSync(`${LUA_DIR}_lib.lua`)).toBe(false);
  });

  it('writes the retention limits into the scripts it loads, and refuses a limit it does not know or two files of one script', () => {
    for (const s of scripts) expect(s.lua, s.file).not.toMatch(/@[A-Z_]+@/);
    const issue = scripts.find((s) => s.verb === 'issue')!;
    expect(issue.lua).toContain(`'MAXLEN', '~', '${MAX_EVENTS}'`);
    expect(issue.lua).toContain(`'${TICKET_TTL_SECONDS}'`);
    const dir = mkdtempSync(join(tmpdir(), 'lua-'));
    mkdirSync(join(dir, 'includes'));
    writeFileSync(join(dir, 'x-1.lua'), "return '@NO_SUCH_LIMIT@'\n");
    expect(() => loadScripts(`${dir}/`)).toThrow(/x-1\.lua: unknown limit @NO_SUCH_LIMIT@/);
    // Two files of one verb (a build left an old key count beside the new): refused, not one silently winning.
    writeFileSync(join(dir, 'x-1.lua'), 'return 1\n');
    writeFileSync(join(dir, 'x-2.lua'), 'return 2\n');
    expect(() => loadScripts(`${dir}/`)).toThrow(/two scripts for "x".*x-1\.lua and x-2\.lua/);
    rmSync(dir, { recursive: true });
  });

  it('names each script for its verb and key count, and every header lists KEYS[1..n] for that n', () => {
    for (const s of scripts) {
      const h = parseHeader(s.source);
      const listed = [...new Set(h.keyNumbers)];
      expect(listed, s.file).toEqual(Array.from({ length: s.numberOfKeys }, (_, i) => i + 1));
      const used = new Set(codeOf(s).flatMap((c) => [...c.matchAll(/KEYS\[(\d+)\]/g)].map((m) => Number(m[1]))));
      expect([...used].sort((a, b) => a - b), `${s.file}: KEYS used`).toEqual(listed);
      expect(commandName(s.verb)).toMatch(/^loket[A-Z][A-Za-z]*V\d+$/);
    }
  });

  it('starts every script with its purpose, keys, packed argument, reply and errors', () => {
    for (const s of scripts) {
      const { header } = parseHeader(s.source);
      expect(header[0], s.file).toMatch(/^-- [A-Z"]/);
      expect(header.join('\n'), s.file).toMatch(/^-- KEYS\[1\] /m);
      expect(header.join('\n'), s.file).toMatch(/^-- ARGV\[1\] msgpack map \{/m);
      expect(header.join('\n'), s.file).toMatch(/^-- Returns /m);
      expect(header.join('\n'), s.file).toMatch(/^-- Errors: /m);
    }
  });

  it("lists in each header exactly the error codes the script and its includes can raise, all known codes", () => {
    const known = new Set<string>(Object.values(ERROR_CODE));
    for (const s of scripts) {
      const raised = new Set(codeOf(s).flatMap((c) => [...errorCodesOf(c)]));
      const listed = parseHeader(s.source).errors;
      expect(listed, `${s.file}: Errors line`).toBeDefined();
      expect([...listed!].sort(), s.file).toEqual([...raised].sort());
      for (const code of raised) expect(known.has(code), `${s.file}: ${code}`).toBe(true);
    }
    // Every error reply is a bare code (the table in script-errors.ts maps it).
    for (const src of [...scripts.map((s) => s.source), ...includeSource.values()]) {
      for (const m of stripComments(src).matchAll(/redis\.error_reply\(([^)]*)\)/g)) expect(m[1]).toMatch(/^'[A-Z_]+'$/);
    }
  });

  it('names in each header exactly the packed fields the script and its includes read', () => {
    for (const s of scripts) {
      const used = new Set(codeOf(s).flatMap((c) => [...packedFieldsOf(c)]));
      const listed = parseHeader(s.source).fields;
      expect(listed, `${s.file}: ARGV[1] fields`).toBeDefined();
      expect([...listed!].sort(), s.file).toEqual([...used].sort());
      // One packed argument, decoded once.
      const code = stripComments(s.source);
      expect(code.match(/cmsgpack\.unpack\(ARGV\[1\]\)/g), s.file).toHaveLength(1);
      for (const c of codeOf(s)) expect(c, s.file).not.toMatch(/ARGV\[(?!1\])/);
    }
  });

  it('spells no key name in any Lua file: keys come in KEYS or as prefixes built by keys.ts', () => {
    const names = keyNames();
    // The names keys.ts gives, read from keys.ts itself (sanity check of the scan).
    for (const n of ['q', 't', 'st', 'noshow', 'cfg', 'tok', 'day', 'seq', 'counter']) expect(names.has(n), n).toBe(true);
    // The scan catches what the scripts used to do.
    expect(keySuffixLiterals(`rcall('ZADD', pfx .. 'noshow', now, id) local k = pfx .. "q:" .. s .. ':wait'`, names)).toEqual(['noshow', 'q:', ':wait']);
    const files = [...scripts.map((s) => [s.file, s.source] as const), ...[...includeSource].map(([n, src]) => [`includes/${n}.lua`, src] as const)];
    for (const [file, src] of files) expect(keySuffixLiterals(src, names), file).toEqual([]);
  });

  it('resolves every include, each used by some script, and each script gets only what it names', () => {
    const used = new Set<string>();
    for (const [name, src] of includeSource) {
      for (const dep of includesOf(src)) expect(includeSource.has(dep), `includes/${name}.lua -> ${dep}`).toBe(true);
    }
    for (const s of scriptFiles) {
      for (const dep of includesOf(s.source)) expect(includeSource.has(dep), `${s.file} -> ${dep}`).toBe(true);
    }
    for (const s of scripts) {
      s.includes.forEach((n) => used.add(n));
      // Each include goes in once, and the resolved script has no include line left.
      expect(new Set(s.includes).size, s.file).toBe(s.includes.length);
      expect(s.lua).not.toMatch(INCLUDE_LINE);
      // A helper defined in the resolved script is defined once.
      const defs = [...s.lua.matchAll(/^local function (\w+)/gm)].map((m) => m[1]);
      expect(new Set(defs).size, `${s.file}: ${defs.join(',')}`).toBe(defs.length);
      // No helper is pulled in that nothing in the script calls (directly or through another helper).
      const body = s.lua;
      for (const n of s.includes) {
        const fns = [...(includeSource.get(n) ?? '').matchAll(/^local function (\w+)/gm)].map((m) => m[1]!);
        const called = fns.some((f) => body.split(new RegExp(`\\b${f}\\(`)).length > 2);
        expect(called, `${s.file} includes ${n} but calls none of ${fns.join(', ')}`).toBe(true);
      }
    }
    expect([...includeSource.keys()].filter((n) => !used.has(n))).toEqual([]);
  });

  it("declares in each script the locals its includes use (an include's `-- Uses:` line)", () => {
    for (const s of scripts) {
      const declared = new Set(
        [...stripComments(s.source).matchAll(/^local ([\w, ]+?)\s*=/gm)].flatMap((m) => m[1]!.split(',').map((x) => x.trim())),
      );
      for (const n of s.includes) {
        const usesLine = /^-- Uses: (.*)$/m.exec(includeSource.get(n) ?? '')?.[1];
        expect(usesLine, `includes/${n}.lua: Uses line`).toBeDefined();
        for (const local of usesLine!.split(',').map((x) => x.trim())) expect(declared.has(local), `${s.file} (for ${n}): local ${local}`).toBe(true);
      }
    }
  });
});

describe('store/script-calls.ts', () => {
  /** A stand-in for ioredis that records each script call and answers like the script would. */
  function fakeRedis() {
    const seen: { command: string; args: (string | Buffer)[] }[] = [];
    const t = { id: 'x', number: 'A-001', serviceId: 'ktp', agencyId: 'dukcapil', state: 'called', statusToken: 's.t' };
    const reply = (command: string): unknown => {
      if (command === 'loketConfigApplyV2') return JSON.stringify({ seq: 1, type: 'site.updated', at: 1 });
      if (command === 'loketCounterUpdateV2') return JSON.stringify({ counter: { id: 'c1', status: 'open', services: '[]' }, seq: 1 });
      if (/Book|CheckIn/.test(command)) return JSON.stringify({ b: { code: 'ABCDE12345', serviceId: 'ktp', date: '2026-01-05' }, t, seq: 1 });
      if (command === 'loketIssueV2') return ['1', 'A-001', '0'].join('\0');
      // The hot scripts answer seq and values NUL-joined (a call's CALL_FIELDS, start's and finish's VIEW_FIELDS; absent: '').
      const joined = (fields: readonly string[]): string => ['1', ...fields.map((k) => (k in t ? t[k as keyof typeof t] : ''))].join('\0');
      if (command === 'loketFinishAndCallNextV2') return [['1', ...Object.entries(t).flat()].join('\0'), joined(calls.CALL_FIELDS)];
      if (/CallNext|CallTicket/.test(command)) return joined(calls.CALL_FIELDS);
      if (command === 'loketStartV2' || command === 'loketFinishV2') return joined(calls.VIEW_FIELDS);
      return JSON.stringify({ t, seq: 1 });
    };
    const redis = new Proxy(
      {},
      {
        get: (_, command: string) =>
          (...args: (string | Buffer)[]) => {
            seen.push({ command, args });
            return Promise.resolve(reply(command));
          },
      },
    ) as unknown as Redis;
    return { redis, seen };
  }

  it('sends each script its number of keys and exactly the packed fields its header names', async () => {
    const { redis, seen } = fakeRedis();
    const c: calls.CallContext = { site: 'mpp-demo', now: 1_760_000_000_000, day: '2026-01-05', agencies: ['dukcapil'] };
    await calls.issue(redis, c, {
      id: 'x',
      token: 's.t',
      service: 'ktp',
      agency: 'dukcapil',
      letter: 'A',
      priority: 'regular',
      priorityReason: '',
      channel: 'kiosk',
      rank: 1,
      quota: 0,
      bodyHash: '',
    });
    // A ticket with everything a new ticket may carry: a priority reason, a route, a quota, an Idempotency-Key.
    await calls.issue(redis, c, {
      id: 'y',
      token: 's.u',
      service: 'ktp',
      agency: 'dukcapil',
      letter: 'A',
      priority: 'priority',
      priorityReason: 'elderly',
      channel: 'kiosk',
      rank: 1,
      quota: 5,
      bodyHash: 'h',
      route: ['ktp', 'kk'],
      routeAgencies: ['dukcapil', 'dukcapil'],
    });
    await calls.callNext(redis, c, 'c1');
    await calls.finishAndCallNext(redis, c, 'c1');
    await calls.callTicket(redis, c, 'c1', 'x');
    await calls.recall(redis, c, 'x');
    await calls.start(redis, c, 'x');
    await calls.finish(redis, c, 'x');
    await calls.cancel(redis, c, 'x');
    await calls.requeue(redis, c, 'x');
    await calls.noShow(redis, c, 'x', true);
    await calls.transfer(redis, c, 'x', { serviceId: 'kk', agencyId: 'dukcapil', position: 'keep' });
    await calls.counterUpdate(redis, c, 'c1', { status: 'open' });
    await calls.reportApply(redis, c.site, 0, 3, [['2026-01-05:s.ktp:d', 'u32', 0, 1]]);
    await configApply(redis, c.site, { now: c.now, def: '{}', noShowMs: 1, removedServices: [], unservedServices: [], removedCounters: [], counters: [], audit: { actor: 'a', role: 'admin', entries: [{ target: 'x' }] } });
    const bk = { code: 'ABCDE12345', date: '2026-01-05', serviceId: 'ktp', slotStart: '09:00' };
    await bookingCalls.book(redis, c.site, c.now, {
      code: bk.code,
      service: 'ktp',
      agency: 'dukcapil',
      date: bk.date,
      slotStart: '09:00',
      slotEnd: '09:15',
      slotStartMs: c.now,
      checkInFrom: c.now,
      checkInUntil: c.now,
      capacity: 2,
      quota: 0,
      who: ['h1'],
      idExpireAt: c.now,
      bodyHash: '',
    });
    await bookingCalls.cancelBooking(redis, c.site, c.now, bk, c.now);
    await bookingCalls.bookingNoShow(redis, c.site, c.now, bk);
    await bookingCalls.rescheduleBooking(redis, c.site, c.now, {
      from: { ...bk, slotStart: '09:00' },
      date: '2026-01-06',
      slotStart: '10:00',
      slotEnd: '10:15',
      slotStartMs: c.now,
      checkInFrom: c.now,
      checkInUntil: c.now,
      capacity: 2,
      quota: 0,
      releaseAt: c.now,
      idExpireAt: c.now,
    });
    await bookingCalls.checkIn(redis, c, { booking: bk, id: 'x', token: 's.t', agency: 'dukcapil', letter: 'A', apptRank: 1, quota: 0 });
    const byCommand = new Map(scripts.map((s) => [commandName(s.verb), s]));
    expect(new Set(seen.map((x) => x.command))).toEqual(new Set(byCommand.keys()));
    // A field at its default is not sent (a new ticket's optional values, issue's quota and
    // Idempotency-Key): each call sends only fields its header names, and the calls of a
    // script together send them all (a check-in carries no route and no priority reason).
    const sent = new Map<string, Set<string>>();
    for (const { command, args } of seen) {
      const s = byCommand.get(command)!;
      expect(args.length, command).toBe(s.numberOfKeys + 1);
      for (const k of args.slice(0, -1)) expect(String(k), command).toMatch(/^loket:\{mpp-demo\}:/);
      const packed = unpack(args[args.length - 1] as Buffer) as Record<string, unknown>;
      const named = parseHeader(s.source).fields!;
      for (const f of Object.keys(packed)) expect(named.has(f), `${command}: ${f}`).toBe(true);
      for (const f of Object.keys(packed)) sent.set(command, (sent.get(command) ?? new Set()).add(f));
      // The time as a number, or as a string where Redis only stores it (no Lua number to format).
      if (command !== 'loketReportApplyV2') expect(packed.now ?? Number(packed.nowStr), command).toBe(c.now);
    }
    const notAtCheckIn = new Set(['priorityReason', 'route', 'routeJ', 'routeAgencies', 'routeAgenciesJ']);
    for (const [command, s] of byCommand) {
      const named = [...parseHeader(s.source).fields!].filter((f) => command !== 'loketCheckInV2' || !notAtCheckIn.has(f));
      expect([...(sent.get(command) ?? [])].sort(), command).toEqual(named.sort());
    }
  });
});
