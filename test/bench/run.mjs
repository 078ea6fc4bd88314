// `npm run bench`: seed a synthetic alliance, start the built server, load it beside the bare
// node:http and Express ceilings, weigh its pages, and write test/bench/results/<date>.{json,md}.
// Needs `npm run build` first (the npm script does it). See test/bench/README.md.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { seedAlliance } from './seed.mjs';
import { cpuMs, freePort, hasTaskset, rssMb, rssSampler, spawnNode, stop, waitFor200 } from './procs.mjs';
import { measure } from './load.mjs';
import { pageWeight } from './weight.mjs';
import { save, toMarkdown } from './report.mjs';
import { commitProbe, drive, measureBursts, measureOrders, prepareBuyers, prepareSellout } from './orders-bench.mjs';
import { checkOrders } from './orders-check.mjs';
import { runScale, scaleSizes } from './scale.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const int = (name, fallback) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};
const sizes = { products: int('BENCH_PRODUCTS', 1000), members: int('BENCH_MEMBERS', 60), batches: int('BENCH_BATCHES', 2000), buyers: int('BENCH_BUYERS', 200) };
const SCALE = process.env.BENCH_SCALE !== '0';
const WARMUP = int('BENCH_WARMUP', 2);
const DURATION = int('BENCH_DURATION', 8);
const CONNECTIONS = [1, 50];
const ORDER_TARGET = 500; // orders/s, from the issue
const SELLOUT_SECONDS = 15; // a hard bound: the scarce product sells out in about a second
const CRASH = { seconds: 4, killAfterSeconds: 2 };
if (sizes.buyers < 2 * Math.max(...CONNECTIONS)) throw new Error(`BENCH_BUYERS must be at least ${2 * Math.max(...CONNECTIONS)}`);

/** Starts a script on core 0 and waits for its first 200 at `probe`. */
async function startServer(script, env, probe) {
  const port = await freePort();
  const started = performance.now();
  const child = spawnNode([...(script === SERVER ? START_FLAGS : []), script], { core: 0, env: { ...env, PORT: String(port) } });
  const base = `http://127.0.0.1:${port}`;
  const startupMs = await waitFor200(`${base}${probe}`, child, started);
  return { child, pid: child.pid, base, startupMs, rss: rssSampler(child.pid) };
}

/** Starts the built server on `env`, runs `fn(server)` and stops it, whatever happens. */
async function withServer(env, fn) {
  const server = await startServer(SERVER, env, '/healthz');
  try {
    return await fn(server);
  } finally {
    server.rss.stop();
    await stop(server.child);
  }
}

/** Each workload at each concurrency (CONNECTIONS unless `opts.connections`), for DURATION s unless `opts.duration`. */
async function loadAll(server, name, workloads, opts = {}) {
  const runs = [];
  for (const w of workloads) {
    for (const connections of opts.connections ?? CONNECTIONS) {
      const run = await measure(server, { url: `${server.base}${w.path}`, headers: w.headers, connections, warmup: WARMUP, duration: opts.duration ?? DURATION });
      runs.push({ name: w.name, path: w.path, connections, ...run });
      const tag = opts.tag ? `[${opts.tag}] ` : '';
      console.log(`  ${tag}${w.name.padEnd(22)} c=${String(connections).padEnd(3)} ${run.rps.toFixed(0).padStart(6)} req/s  p99 ${run.p99} ms  CPU ${run.cpuMsPerRequest?.toFixed(2)} ms/req  non-2xx ${run.non2xx}`);
    }
  }
  if (!opts.quiet) console.log(`${name}: done`);
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

const SERVER = path.join(ROOT, 'dist/src/server.js');
/** The node flags `npm start` gives the server (V8 memory limits): the bench starts it the same way. */
const START_FLAGS = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start.split(/\s+/).filter((a) => a.startsWith('--'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One order-placement row of the load table (req/s = orders/s; CPU per order includes its refills). */
function orderRun(m, connections) {
  const { run } = m;
  const unexpected = (s) => Object.entries(s.statuses).reduce((n, [status, count]) => n + (status === '303' ? 0 : count), 0);
  return {
    name: 'order placement',
    path: 'POST /en/checkout/place',
    kind: 'orders',
    connections,
    requests: run.orders,
    seconds: run.seconds,
    rps: run.ordersPerSecond,
    p50: run.place.p50,
    p99: run.place.p99,
    errors: run.place.errors + run.add.errors + run.remove.errors,
    timeouts: run.place.timeouts + run.add.timeouts + run.remove.timeouts,
    non2xx: unexpected(run.place) + unexpected(run.add) + unexpected(run.remove),
    cpuMsPerRequest: m.cpuMsPerOrder,
    cpuBusyPct: m.cpuBusyPct,
    peakRssMb: m.peakRssMb,
    place: { ...run.place, replays: run.replays.length },
    refill: { ...run.add, perSecond: run.add.count / run.seconds },
    rebuild: run.remove,
    ordersPerSecondBySecond: run.perSecond,
  };
}

/** Order placement on the running server: c=1 and c=50, then every buyer of a scarce product at once. */
async function orderWorkloads(server, ordering) {
  const t0 = performance.now();
  const buyers = await prepareBuyers(server.base, ordering.buyers);
  const prepareSeconds = (performance.now() - t0) / 1000;
  console.log(`  ${buyers.length} buyers signed in, carts filled and reviewed in ${prepareSeconds.toFixed(1)} s`);
  const acked = [];
  const runs = [];
  for (const connections of CONNECTIONS) {
    const m = await measureOrders(server, { buyers, connections, warmup: WARMUP, duration: DURATION });
    acked.push(...m.warmupAcked, ...m.run.acked);
    const run = orderRun(m, connections);
    runs.push(run);
    console.log(
      `  ${run.name.padEnd(22)} c=${String(connections).padEnd(3)} ${run.rps.toFixed(0).padStart(6)} orders/s  p99 ${run.p99?.toFixed(1)} ms  ` +
        `refills ${run.refill.perSecond.toFixed(0)} adds/s  unexpected ${run.non2xx}  errors ${run.errors + run.timeouts}`,
    );
  }
  // Placing alone: one order per buyer per round, the carts refilled between rounds (not timed).
  const bursts = [];
  for (const connections of CONNECTIONS) {
    const b = await measureBursts(server, { buyers, connections, duration: DURATION });
    acked.push(...b.run.acked);
    const { burst } = b.run;
    bursts.push({ connections, ...burst, place: b.run.place, peakRssMb: b.peakRssMb });
    console.log(
      `  placing alone          c=${String(connections).padEnd(3)} ${burst.ordersPerSecond.toFixed(0).padStart(6)} orders/s  p99 ${b.run.place.p99?.toFixed(1)} ms  ` +
        `CPU ${burst.cpuMsPerOrder?.toFixed(2)} ms/order  ${burst.rounds} rounds  not placed ${burst.notPlaced}`,
    );
  }
  const n = Math.max(...CONNECTIONS);
  const selloutBuyers = await prepareSellout(server.base, buyers, n);
  const s = await drive({ base: server.base, mode: 'sellout', buyers: selloutBuyers, connections: n, duration: SELLOUT_SECONDS });
  acked.push(...s.acked);
  const sellout = { connections: n, seconds: s.seconds, orders: s.orders, soldUnits: s.soldUnits, refusedWithShortage: s.refusedSellout, place: s.place, refill: s.add };
  console.log(`  sell-out c=${n}: ${s.orders} orders, ${s.soldUnits} units in ${s.seconds.toFixed(1)} s; place answers ${JSON.stringify(s.place.statuses)}`);
  return { runs, bursts, acked, buyers, sellout, prepareSeconds };
}

/**
 * Restarts the server on the same data, places orders at c=50 and SIGKILLs it mid-run: every order
 * acknowledged before the kill must be in the file. Uses the buyers the sell-out left alone.
 */
async function crashCheck(env, buyers) {
  const server = await startServer(SERVER, env, '/healthz');
  try {
    const connections = Math.max(...CONNECTIONS);
    const pending = drive({ base: server.base, mode: 'load', buyers: buyers.slice(connections), connections, duration: CRASH.seconds });
    await sleep(CRASH.killAfterSeconds * 1000);
    server.child.kill('SIGKILL');
    const r = await pending;
    return { connections, killedAfterSeconds: CRASH.killAfterSeconds, acked: r.acked, place: r.place };
  } finally {
    server.rss.stop();
    await stop(server.child);
  }
}

async function benchApp(env, targets, ordering) {
  const server = await startServer(SERVER, env, '/healthz');
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
    const orders = await orderWorkloads(server, ordering);
    await sleep(1000);
    const after = { idleRssAfterMb: rssMb(server.pid), peakRssMb: server.rss.peak(), cpuMsTotal: cpuMs(server.pid) - cpuAtStart };
    // The durability check reads the file after a graceful stop: give it time, and say how it ended.
    await stop(server.child, 30_000);
    const exit = { code: server.child.exitCode, signal: server.child.signalCode };
    return {
      server: { startupMs: server.startupMs, idleRssMb, ...after, exitAfterSigterm: exit },
      runs: [...runs, ...orders.runs],
      pageWeight: weights,
      orders,
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
  const env = { DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SESSION_SECRET: randomBytes(32).toString('hex'), NODE_ENV: 'production' };
  const app = await benchApp(env, seeded.targets, seeded.ordering);
  // benchApp has stopped the server with SIGTERM: everything acknowledged must be in the file.
  const { scarce } = seeded.ordering;
  const afterSigterm = checkOrders(dataDir, { acked: app.orders.acked, scarce, soldUnits: app.orders.sellout.soldUnits });
  console.log(
    `Checks after SIGTERM (server exit ${JSON.stringify(app.server.exitAfterSigterm)}): ${afterSigterm.ok ? 'ok' : 'FAILED'} ` +
      `(${afterSigterm.ordersInDb} orders in the file, ${afterSigterm.acknowledged} acknowledged)`,
  );
  const crash = await crashCheck(env, app.orders.buyers);
  const afterSigkill = checkOrders(dataDir, {
    acked: [...app.orders.acked, ...crash.acked],
    scarce,
    soldUnits: app.orders.sellout.soldUnits,
    allowUnacknowledged: crash.connections,
  });
  console.log(`Checks after SIGKILL: ${afterSigkill.ok ? 'ok' : 'FAILED'} (${crash.acked.length} acknowledged in ${CRASH.killAfterSeconds} s before the kill)`);
  const scale = SCALE
    ? await runScale({ root: ROOT, env, workloads: appWorkloads, withServer, loadAll, checkSearches, connections: CONNECTIONS }, { dataDir, targets: seeded.targets }, scaleSizes(int))
    : undefined;
  const cpus = os.cpus();
  const result = {
    date: new Date().toISOString().slice(0, 10),
    environment: { node: process.version, cpus: cpus.length, cpuModel: cpus[0]?.model ?? '?', taskset: hasTaskset, warmupSeconds: WARMUP, durationSeconds: DURATION },
    data: { ...sizes, events: sizes.batches * 4, seedSeconds: seeded.seconds, targets: seeded.targets },
    server: app.server,
    runs: [...ceilingRuns, ...app.runs],
    pageWeight: app.pageWeight,
    ordering: {
      targetOrdersPerSecond: ORDER_TARGET,
      buyers: sizes.buyers,
      products: seeded.ordering.orderProducts,
      scarce,
      extraBatches: seeded.ordering.extraBatches,
      prepareSeconds: app.orders.prepareSeconds,
      bursts: app.orders.bursts,
      commitMs: commitProbe(dataDir),
      sellout: app.orders.sellout,
      crash: { connections: crash.connections, killedAfterSeconds: crash.killedAfterSeconds, acknowledged: crash.acked.length, place: crash.place },
      checks: { afterSigterm, afterSigkill },
    },
    scale,
  };
  const saved = save(process.env.BENCH_OUT ? path.resolve(process.env.BENCH_OUT) : path.join(HERE, 'results'), result);
  console.log(`\n${toMarkdown(result)}\nWritten to ${path.relative(ROOT, saved)}.json and .md`);
} finally {
  removeDataDir();
}
