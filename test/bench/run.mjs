// `npm run bench`: seed a synthetic alliance, start the built server, load it beside the bare
// node:http and Express ceilings, weigh its pages, and write test/bench/results/<date>.{json,md}.
// Needs `npm run build` first (the npm script does it). See test/bench/README.md.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { seedAlliance } from './seed.mjs';
import { cpuMs, freePort, hasTaskset, rssMb, rssSampler, spawnNode, stop, waitFor200 } from './procs.mjs';
import { measure } from './load.mjs';
import { pageWeight } from './weight.mjs';
import { save, toMarkdown } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const int = (name, fallback) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};
const sizes = { products: int('BENCH_PRODUCTS', 1000), members: int('BENCH_MEMBERS', 60), batches: int('BENCH_BATCHES', 2000) };
const WARMUP = int('BENCH_WARMUP', 2);
const DURATION = int('BENCH_DURATION', 8);
const CONNECTIONS = [1, 50];

/** Starts a script on core 0 and waits for its first 200 at `probe`. */
async function startServer(script, env, probe) {
  const port = await freePort();
  const started = performance.now();
  const child = spawnNode([script], { core: 0, env: { ...env, PORT: String(port) } });
  const base = `http://127.0.0.1:${port}`;
  const startupMs = await waitFor200(`${base}${probe}`, child, started);
  return { child, pid: child.pid, base, startupMs, rss: rssSampler(child.pid) };
}

async function loadAll(server, name, workloads) {
  const runs = [];
  for (const w of workloads) {
    for (const connections of CONNECTIONS) {
      const run = await measure(server, { url: `${server.base}${w.path}`, headers: w.headers, connections, warmup: WARMUP, duration: DURATION });
      runs.push({ name: w.name, path: w.path, connections, ...run });
      console.log(`  ${w.name.padEnd(22)} c=${String(connections).padEnd(3)} ${run.rps.toFixed(0).padStart(6)} req/s  p99 ${run.p99} ms  non-2xx ${run.non2xx}`);
    }
  }
  console.log(`${name}: done`);
  return runs;
}

async function ceiling(script, name) {
  const server = await startServer(path.join(HERE, script), {}, '/');
  try {
    return await loadAll(server, name, [{ name, path: '/' }]);
  } finally {
    server.rss.stop();
    await stop(server.child);
  }
}

function appWorkloads({ productSlug, memberSlug, lotCode }) {
  return [
    { name: 'catalog es EUR', path: '/es/products', headers: { cookie: 'cur=EUR' } },
    { name: 'product page', path: `/en/products/${productSlug}` },
    { name: 'member page', path: `/en/members/${memberSlug}` },
    { name: 'trace page', path: `/en/trace/${encodeURIComponent(lotCode)}` },
    { name: 'search zh-TW 咖啡', path: `/zh-TW/products?q=${encodeURIComponent('咖啡')}` },
    { name: 'search es miel', path: '/es/products?q=miel' },
    { name: 'healthz', path: '/healthz' },
  ];
}

/** The searches must find something, or the bench would time an empty result page. */
async function checkSearches(base) {
  const expect = [
    [`/zh-TW/products?q=${encodeURIComponent('咖啡')}`, '/products/bench-coffee-'],
    ['/es/products?q=miel', '/products/bench-honey-bee-products-'],
  ];
  for (const [pagePath, link] of expect) {
    const html = await (await fetch(`${base}${pagePath}`)).text();
    if (!html.includes(link)) throw new Error(`${pagePath} lists no ${link}… product: the search workload would be meaningless`);
  }
}

async function benchApp(dataDir, targets) {
  const env = { DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SESSION_SECRET: randomBytes(32).toString('hex'), NODE_ENV: 'production' };
  const server = await startServer(path.join(ROOT, 'dist/src/server.js'), env, '/healthz');
  try {
    await new Promise((r) => setTimeout(r, 500));
    const idleRssMb = rssMb(server.pid);
    const cpuAtStart = cpuMs(server.pid);
    await checkSearches(server.base);
    const workloads = appWorkloads(targets);
    const pages = { catalog: workloads[0], product: workloads[1], member: workloads[2], trace: workloads[3], search: workloads[5] };
    const weights = {};
    for (const [page, w] of Object.entries(pages)) weights[page] = await pageWeight(server.base, w.path, w.headers);
    const runs = await loadAll(server, 'Terroir', workloads);
    await new Promise((r) => setTimeout(r, 1000));
    return {
      server: { startupMs: server.startupMs, idleRssMb, idleRssAfterMb: rssMb(server.pid), peakRssMb: server.rss.peak(), cpuMsTotal: cpuMs(server.pid) - cpuAtStart },
      runs,
      pageWeight: weights,
    };
  } finally {
    server.rss.stop();
    await stop(server.child);
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'terroir-bench-'));
// process.exit (on Ctrl-C, see procs.mjs) skips `finally`, so the exit hook removes it too.
const removeDataDir = () => process.env.BENCH_KEEP || rmSync(dataDir, { recursive: true, force: true });
process.on('exit', removeDataDir);
try {
  console.log(`Seeding ${sizes.members} members, ${sizes.products} products, ${sizes.batches} batches into ${dataDir} …`);
  const seeded = await seedAlliance(dataDir, sizes);
  console.log(`Seeded in ${seeded.seconds.total.toFixed(1)} s (batches and events: ${seeded.seconds.batchesAndEvents.toFixed(1)} s)`);
  console.log(hasTaskset ? 'Server pinned to core 0, load generator to core 1.' : 'taskset not found: processes are not pinned.');
  const ceilingRuns = [...(await ceiling('hello-http.mjs', 'node:http hello')), ...(await ceiling('hello-express.mjs', 'express hello'))];
  const app = await benchApp(dataDir, seeded.targets);
  const cpus = os.cpus();
  const result = {
    date: new Date().toISOString().slice(0, 10),
    environment: { node: process.version, cpus: cpus.length, cpuModel: cpus[0]?.model ?? '?', taskset: hasTaskset, warmupSeconds: WARMUP, durationSeconds: DURATION },
    data: { ...sizes, events: sizes.batches * 4, seedSeconds: seeded.seconds, targets: seeded.targets },
    server: app.server,
    runs: [...ceilingRuns, ...app.runs],
    pageWeight: app.pageWeight,
  };
  const saved = save(path.join(HERE, 'results'), result);
  console.log(`\n${toMarkdown(result)}\nWritten to ${path.relative(ROOT, saved)}.json and .md`);
} finally {
  removeDataDir();
}
