// The scale phase of `npm run bench` (BENCH_SCALE=0 skips it): the catalog, the two searches and a
// trace page on the run's normal alliance and on the large one (seed-bulk.mjs), each as a
// page-cache hit (the server as it runs) and as a miss (PAGE_CACHE_SECONDS=0: every request
// renders), at c=1 and c=50, in pairs; then the ratio large / small of CPU per request and p99.
// Before timing, the large alliance must pass `verify-chain` and a handful of its lots' trace
// pages must render.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LARGE, seedLargeAlliance } from './seed-bulk.mjs';

export const SCALE_TARGET = 1.5; // issue 8: large costs at most 1.5× the 1,000-product alliance
/** The workloads compared across sizes, by their names in run.mjs. */
export const SCALE_WORKLOADS = ['catalog es EUR', 'search zh-TW 咖啡', 'search es miel', 'trace page'];
const MISS = { PAGE_CACHE_SECONDS: '0' };

export function scaleSizes(int) {
  return {
    members: int('BENCH_SCALE_MEMBERS', LARGE.members),
    products: int('BENCH_SCALE_PRODUCTS', LARGE.products),
    batches: int('BENCH_SCALE_BATCHES', LARGE.batches),
    events: int('BENCH_SCALE_EVENTS', LARGE.events),
    orders: int('BENCH_SCALE_ORDERS', LARGE.orders),
    buyers: int('BENCH_SCALE_BUYERS', LARGE.buyers),
    duration: int('BENCH_SCALE_DURATION', 5),
  };
}

/** `npm run verify-chain` on the file: every lot's events re-hashed and linked. */
function verifyChain(root, dataDir) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'dist/src/cli/verify-chain.js')], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 600_000,
  });
  const lines = `${r.stdout ?? ''}`.trim().split('\n');
  return { ok: r.status === 0, exitCode: r.status, seconds: (performance.now() - started) / 1000, summary: lines[lines.length - 1] ?? '', broken: lines.filter((l) => l.startsWith('BROKEN')).slice(0, 5) };
}

/** Public trace pages of bulk-seeded lots: 200, the record intact, and no order numbers shown. */
async function checkTracePages(base, lots) {
  const pages = [];
  for (const lot of lots) {
    const res = await fetch(`${base}/en/trace/${encodeURIComponent(lot)}`);
    const html = await res.text();
    const events = (html.match(/<li class="timeline__event"/g) ?? []).length;
    pages.push({ lot, status: res.status, intact: html.includes('integrity--ok'), showsOrderNumber: /T-\d{4}-\d{6}/.test(html), events });
  }
  return { ok: pages.every((p) => p.status === 200 && p.intact && !p.showsOrderNumber), pages };
}

/** large / small, or null when either is missing or zero. */
const ratio = (large, small) => (large == null || small == null || small === 0 ? null : large / small);

function ratios(small, large) {
  const rows = [];
  for (const cache of ['hit', 'miss']) {
    for (const s of small[cache]) {
      const l = large[cache].find((r) => r.name === s.name && r.connections === s.connections);
      if (!l) continue;
      const cpu = ratio(l.cpuMsPerRequest, s.cpuMsPerRequest);
      const p99 = ratio(l.p99, s.p99);
      rows.push({ name: s.name, connections: s.connections, cache, small: pick(s), large: pick(l), cpu, p99, withinTarget: cpu !== null && cpu <= SCALE_TARGET && (p99 === null || p99 <= SCALE_TARGET) });
    }
  }
  return rows;
}

const pick = (r) => ({ rps: r.rps, p50: r.p50, p99: r.p99, cpuMsPerRequest: r.cpuMsPerRequest, errors: r.errors + r.timeouts, non2xx: r.non2xx, peakRssMb: r.peakRssMb });

/**
 * Both alliances' servers run side by side (on the same core, one loaded at a time) and each run
 * on the small one is followed at once by the same run on the large one: a pair is measured
 * within seconds, whatever else the machine is doing meanwhile.
 */
async function pairwise(bench, servers, workloads, { label, duration }) {
  const runs = { small: [], large: [] };
  for (const [i, w] of workloads.small.entries()) {
    for (const connections of bench.connections) {
      for (const size of ['small', 'large']) {
        const w2 = size === 'small' ? w : workloads.large[i];
        runs[size].push(...(await bench.loadAll(servers[size], label, [w2], { connections: [connections], duration, quiet: true, tag: `${label}, ${size}` })));
      }
    }
  }
  console.log(`${label}: done`);
  return runs;
}

/**
 * @param bench {root, env, workloads(targets), withServer(env, fn), loadAll, checkSearches, connections}:
 *   run.mjs's pieces; `withServer` starts the built server on `env` and stops it after `fn(server)`.
 * @param small {dataDir, targets}: the normal alliance of the run.
 */
export async function runScale(bench, small, sizes) {
  const pick = (targets) => bench.workloads(targets).filter((w) => SCALE_WORKLOADS.includes(w.name));
  const { duration, ...counts } = sizes;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'terroir-bench-large-'));
  try {
    console.log(`Seeding the large alliance (${JSON.stringify(counts)}) into ${dataDir} …`);
    const seeded = await seedLargeAlliance(dataDir, counts);
    console.log(`Seeded in ${seeded.seconds.total.toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);
    const chain = verifyChain(bench.root, dataDir);
    console.log(`verify-chain: ${chain.summary} (${chain.ok ? 'ok' : 'FAILED'}, ${chain.seconds.toFixed(1)} s)`);
    const envs = { small: { ...bench.env, DATA_DIR: small.dataDir }, large: { ...bench.env, DATA_DIR: dataDir } };
    const workloads = { small: pick(small.targets), large: pick(seeded.targets) };
    const both = (extra, fn) => bench.withServer({ ...envs.small, ...extra }, (s) => bench.withServer({ ...envs.large, ...extra }, (l) => fn({ small: s, large: l })));
    const hit = await both({}, async (servers) => {
      const trace = await checkTracePages(servers.large.base, seeded.sampleLots);
      console.log(`Trace pages of ${trace.pages.length} bulk-seeded lots: ${trace.ok ? 'ok' : 'FAILED'} ${JSON.stringify(trace.pages)}`);
      await bench.checkSearches(servers.large.base);
      return { trace, startupMs: servers.large.startupMs, runs: await pairwise(bench, servers, workloads, { label: 'scale, cache hits', duration }) };
    });
    const miss = await both(MISS, (servers) => pairwise(bench, servers, workloads, { label: 'scale, cache misses', duration }));
    return {
      target: SCALE_TARGET,
      sizes: counts,
      durationSeconds: duration,
      seed: { seconds: seeded.seconds, counts: seeded.counts, targets: seeded.targets },
      verifyChain: chain,
      tracePages: hit.trace,
      largeStartupMs: hit.startupMs,
      runs: { small: { hit: hit.runs.small, miss: miss.small }, large: { hit: hit.runs.large, miss: miss.large } },
      ratios: ratios({ hit: hit.runs.small, miss: miss.small }, { hit: hit.runs.large, miss: miss.large }),
    };
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dataDir, { recursive: true, force: true });
  }
}
