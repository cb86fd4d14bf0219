import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * GET load from wrk (Debian's `wrk` package), rotating over a list of requests: each request goes
 * to the next path with its own headers (a reservation with its owner's token, and the ETag to
 * revalidate). The requests are formatted once in each wrk thread; a Lua `response` hook counts
 * the answers by status, and `done` prints the totals as one JSON line.
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
  latencyMs: { p50: number; p99: number };
}

const RESULT_MARK = 'wrk-result ';

/**
 * Each line of the data file (WRK_REQUESTS): path, then header name and value pairs, tab-separated.
 * Read at the top level: wrk checks a request from its main Lua state too, where init() never runs.
 */
const LUA_SCRIPT = `
formatted = {}
for line in io.lines(os.getenv("WRK_REQUESTS")) do
  local fields = {}
  for field in line:gmatch("[^\\t]+") do table.insert(fields, field) end
  local headers = {}
  for i = 2, #fields, 2 do headers[fields[i]] = fields[i + 1] end
  table.insert(formatted, wrk.format("GET", fields[1], headers))
end
index = 0
statuses = {}
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end
function init()
  -- The threads start at different places of the list.
  index = ((id - 1) * 1009) % #formatted
end
function request()
  index = index % #formatted + 1
  return formatted[index]
end
function response(status)
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
  io.write(string.format('${RESULT_MARK}{"requests":%d,"micros":%d,"errors":%d,"p50":%d,"p99":%d,"byStatus":{%s}}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), table.concat(parts, ",")))
end
`;

/** Throws with how to install wrk when it is not on the PATH. */
export function requireWrk(): void {
  if (spawnSync('wrk', ['--version']).error) {
    throw new Error('wrk is not installed: `apt-get update && apt-get install -y wrk` (Debian), then run again');
  }
}

export async function runWrk(url: string, requests: readonly WrkRequest[], options: { connections: number; seconds: number; threads?: number }): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'onsale-wrk-'));
  try {
    const script = join(dir, 'rotate.lua');
    const data = join(dir, 'requests.tsv');
    writeFileSync(script, LUA_SCRIPT);
    // Host too: wrk.format adds it from wrk.host, which the top level does not have yet.
    const host = new URL(url).host;
    writeFileSync(data, requests.map(({ path, headers }) => [path, 'Host', host, ...Object.entries(headers).flat()].join('\t')).join('\n'));
    const threads = options.threads ?? 2;
    const args = [`-t${threads}`, `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '10s', '-s', script, url];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRK_REQUESTS: data } });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}: ${text}`))));
    });
    const line = output.split('\n').find((candidate) => candidate.startsWith(RESULT_MARK));
    if (!line) throw new Error(`wrk printed no result:\n${output}`);
    const raw = JSON.parse(line.slice(RESULT_MARK.length)) as { requests: number; micros: number; errors: number; p50: number; p99: number; byStatus: Record<string, number> };
    const seconds = raw.micros / 1e6;
    return { requests: raw.requests, seconds, perSecond: raw.requests / seconds, byStatus: raw.byStatus, errors: raw.errors, latencyMs: { p50: raw.p50 / 1000, p99: raw.p99 / 1000 } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
