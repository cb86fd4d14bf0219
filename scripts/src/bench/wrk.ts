import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * HTTP load from wrk (Debian's `wrk` package), driven by a Lua script: `runWrk` rotates GETs over a
 * list of requests for a fixed time (each request to the next path with its own headers: a
 * reservation with its owner's token, and the ETag to revalidate); `startWrk` runs any script until
 * stopped. The scripts count the answers by status in a `response` hook and print the totals from
 * `done` as one JSON line (RESULT_LUA).
 */

export interface WrkRequest {
  path: string;
  headers: Record<string, string>;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  perSecond: number;
  byStatus: Record<string, number>;
  /** Socket errors and timeouts (answers of any status are not errors here). */
  errors: number;
  /** From each request's send to its answer. */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

const RESULT_MARK = 'wrk-result ';

/**
 * The part every script shares: the threads registered in `setup`, answers counted by status per
 * thread (`statuses`) and summed in `done`, which prints the result line.
 */
const RESULT_LUA = `
statuses = {}
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
function count(status)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(total) do table.insert(parts, string.format('"%d":%d', status, n)) end
  local e = summary.errors
  io.write(string.format('${RESULT_MARK}{"requests":%d,"micros":%d,"errors":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"byStatus":{%s}}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, table.concat(parts, ",")))
end
`;

/**
 * Each line of the data file (WRK_REQUESTS): path, then header name and value pairs, tab-separated.
 * Read at the top level: wrk checks a request from its main Lua state too, where init() never runs.
 */
const ROTATE_LUA = `
formatted = {}
for line in io.lines(os.getenv("WRK_REQUESTS")) do
  local fields = {}
  for field in line:gmatch("[^\\t]+") do table.insert(fields, field) end
  local headers = {}
  for i = 2, #fields, 2 do headers[fields[i]] = fields[i + 1] end
  table.insert(formatted, wrk.format("GET", fields[1], headers))
end
index = 0
function init()
  -- The threads start at different places of the list.
  index = ((id - 1) * 1009) % #formatted
end
function request()
  index = index % #formatted + 1
  return formatted[index]
end
function response(status)
  count(status)
end
${RESULT_LUA}`;

/** Throws with how to install wrk when it is not on the PATH. */
export function requireWrk(): void {
  if (spawnSync('wrk', ['--version']).error) {
    throw new Error('wrk is not installed: `apt-get update && apt-get install -y wrk` (Debian), then run again');
  }
}

export interface RunningWrk {
  child: ChildProcess;
  /** Resolves with wrk's result once it ends (its duration passed, or `stop`). */
  result: Promise<WrkResult>;
  /** Ends the run early (SIGINT: wrk stops, then prints its result). */
  stop(): Promise<WrkResult>;
}

/**
 * Runs wrk with `script` (which must end with RESULT_LUA's functions; see `pacedScript`) against
 * `url` for at most `seconds`; `files` are written beside the script, their paths passed to it in
 * the environment variables named by their keys.
 */
export function startWrk(
  url: string,
  script: string,
  options: { connections: number; seconds: number; threads?: number; files?: Record<string, string>; env?: Record<string, string> },
): RunningWrk {
  const dir = mkdtempSync(join(tmpdir(), 'onsale-wrk-'));
  const scriptPath = join(dir, 'script.lua');
  writeFileSync(scriptPath, script);
  const env: Record<string, string> = { ...options.env };
  for (const [name, contents] of Object.entries(options.files ?? {})) {
    env[name] = join(dir, name.toLowerCase());
    writeFileSync(env[name], contents);
  }
  const args = [`-t${options.threads ?? 2}`, `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '10s', '-s', scriptPath, url];
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const output = new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
  });
  const result = output.then(parseResult).finally(() => rmSync(dir, { recursive: true, force: true }));
  return {
    child,
    result,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return result;
    },
  };
}

function parseResult(output: string): WrkResult {
  const line = output.split('\n').find((candidate) => candidate.startsWith(RESULT_MARK));
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const raw = JSON.parse(line.slice(RESULT_MARK.length)) as {
    requests: number;
    micros: number;
    errors: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    byStatus: Record<string, number>;
  };
  const seconds = raw.micros / 1e6;
  const ms = (micros: number) => micros / 1000;
  return {
    requests: raw.requests,
    seconds,
    perSecond: raw.requests / seconds,
    byStatus: raw.byStatus,
    errors: raw.errors,
    latencyMs: { p50: ms(raw.p50), p90: ms(raw.p90), p99: ms(raw.p99), max: ms(raw.max) },
  };
}

/** GETs rotating over `requests` for `seconds`, as fast as `connections` allow. */
export function runWrk(url: string, requests: readonly WrkRequest[], options: { connections: number; seconds: number; threads?: number }): Promise<WrkResult> {
  // Host too: wrk.format adds it from wrk.host, which the top level does not have yet.
  const host = new URL(url).host;
  const data = requests.map(({ path, headers }) => [path, 'Host', host, ...Object.entries(headers).flat()].join('\t')).join('\n');
  return startWrk(url, ROTATE_LUA, { ...options, files: { WRK_REQUESTS: data } }).result;
}

/**
 * `body` (a script's request and response hooks) paced to `ratePerSecond` in all: each thread
 * sends its share on a schedule of its own (wall clock through LuaJIT's FFI), every request waiting
 * (`delay`) for its slot, so the rate holds whatever the answers' latency, as an open-loop client's
 * does, up to what the connections can carry. A thread that falls behind sends at once until it
 * has caught up.
 */
export function pacedScript(body: string, ratePerSecond: number, threads: number): string {
  return `
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } onsale_timespec;
int clock_gettime(int clock, onsale_timespec *now);
]]
local now = ffi.new("onsale_timespec")
local function nowMs()
  ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
  return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
end
local intervalMs = ${(1000 * threads) / ratePerSecond}
local nextSlot = nil
function delay()
  local at = nowMs()
  nextSlot = nextSlot or at
  local slot = nextSlot
  nextSlot = nextSlot + intervalMs
  return math.max(0, math.floor(slot - at))
end
${body}
${RESULT_LUA}`;
}
