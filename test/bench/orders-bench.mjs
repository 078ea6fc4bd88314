// The order placement workload, parent side: signs the seeded buyers in over HTTP, fills their
// carts and reads the total each review page shows, then drives orders.mjs (pinned to core 1)
// for a warm-up and a measured run per concurrency, and the sell-out and crash checks.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { BUYER_PASSWORD } from './orders-seed.mjs';
import { createClient, hiddenField, sessionCookie } from './http.mjs';
import { clockTicks, cpuMs, spawnNode, stop } from './procs.mjs';

const ORDERS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'orders.mjs');
const PARALLEL = 8;
/** Preparing (sign-ins, carts, reviews) is bounded too: this long at most. */
const PREPARE_TIMEOUT_MS = 180_000;

function withTimeout(promise, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${PREPARE_TIMEOUT_MS / 1000} s`)), PREPARE_TIMEOUT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

async function expectStatus(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status}${res.headers.location ? ` → ${res.headers.location}` : ''}`);
  return res;
}

/** Sign-in through the real forms: the login page's token, the password, then a token of the new session. */
async function signIn(client, buyer) {
  const page = await expectStatus(await client.request('GET', '/en/login', { keepBody: true }), 200, 'GET /en/login');
  const res = await client.request('POST', '/en/login', {
    cookie: sessionCookie(page.headers),
    form: { _csrf: hiddenField(page.body, '_csrf'), email: buyer.email, password: BUYER_PASSWORD },
  });
  await expectStatus(res, 303, `sign-in of ${buyer.email}`);
  const cookie = sessionCookie(res.headers);
  const form = await expectStatus(await client.request('GET', '/en/account/password', { cookie, keepBody: true }), 200, 'GET /en/account/password');
  const csrf = hiddenField(form.body, '_csrf');
  if (!cookie || !csrf) throw new Error(`no session or CSRF token for ${buyer.email}`);
  return { ...buyer, cookie, csrf };
}

/** Empties the cart of `remove`, adds `lines`, and reads the total the review page shows for them. */
async function fillAndReview(client, b, lines, remove = []) {
  for (const line of remove) await expectStatus(await client.request('POST', '/en/cart/remove', { cookie: b.cookie, form: { _csrf: b.csrf, productId: String(line.productId) } }), 303, 'cart/remove');
  for (const line of lines) {
    const res = await client.request('POST', '/en/cart/add', { cookie: b.cookie, form: { _csrf: b.csrf, productId: String(line.productId), qty: line.qty } });
    await expectStatus(res, 303, `cart/add of ${line.qty} × product ${line.productId}`);
  }
  const review = await client.request('POST', '/en/checkout/review', {
    cookie: b.cookie,
    keepBody: true,
    form: { _csrf: b.csrf, addressId: String(b.addressId), shipping: 'delivery', incoterm: 'DAP', payment: 'bank_transfer' },
  });
  await expectStatus(review, 200, `checkout review of ${b.email}`);
  const expectedTotal = hiddenField(review.body, 'expectedTotal');
  if (!expectedTotal || !/^\d+$/.test(expectedTotal)) throw new Error(`no expectedTotal on ${b.email}'s review page`);
  return expectedTotal;
}

async function inParallel(items, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** Signs every buyer in and fills its cart with its two lines; returns what orders.mjs needs. */
export async function prepareBuyers(base, seededBuyers) {
  const client = createClient(base, { sockets: PARALLEL });
  try {
    return await withTimeout(
      inParallel(seededBuyers, async (buyer) => {
        const b = await signIn(client, buyer);
        return { ...b, expectedTotal: await fillAndReview(client, b, b.lines) };
      }),
      'signing the buyers in',
    );
  } finally {
    client.close();
  }
}

/** The first `n` buyers swap their lines for one line of the scarce product. */
export async function prepareSellout(base, buyers, n) {
  const client = createClient(base, { sockets: PARALLEL });
  try {
    return await withTimeout(
      inParallel(buyers.slice(0, n), async (b) => ({ ...b, expectedTotal: await fillAndReview(client, b, [b.scarceLine], b.lines) })),
      'preparing the sell-out',
    );
  } finally {
    client.close();
  }
}

/** One bounded orders.mjs run; `duration + 20` s hard limit, like autocannon's. */
export function drive(opts) {
  const child = spawnNode([ORDERS], { core: 1, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stdin.end(JSON.stringify(opts));
  const limit = opts.mode === 'bursts' ? opts.duration * 3 : opts.duration;
  const killer = setTimeout(() => stop(child, 1000), (limit + 20) * 1000);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`orders.mjs (${opts.mode}, c=${opts.connections}) exited with ${code}`));
    });
  });
}

/** A warm-up (discarded but for its acknowledged orders) and a measured run, like load.mjs. */
export async function measureOrders(server, { buyers, connections, warmup, duration }) {
  const common = { base: server.base, mode: 'load', buyers, connections };
  const warm = await drive({ ...common, duration: warmup });
  server.rss.mark();
  const cpuBefore = cpuMs(server.pid);
  const run = await drive({ ...common, duration });
  const cpu = cpuMs(server.pid) - cpuBefore;
  return {
    warmupAcked: warm.acked,
    run,
    cpuMsPerOrder: run.orders > 0 ? cpu / run.orders : null,
    cpuBusyPct: (cpu / (run.seconds * 1000)) * 100,
    peakRssMb: server.rss.windowPeak(),
  };
}

/**
 * Placing alone: rounds of one order per buyer (timed, server CPU read around each burst) with the
 * carts refilled between rounds (not timed); see orders.mjs. Starts from carts that are full.
 */
export async function measureBursts(server, { buyers, connections, duration }) {
  server.rss.mark();
  const run = await drive({ base: server.base, mode: 'bursts', buyers, connections, duration, serverPid: server.pid, clockTicks });
  return { run, peakRssMb: server.rss.windowPeak() };
}

/**
 * What one commit costs on DATA_DIR's disk with the app's pragmas (WAL, synchronous=FULL, so one
 * fsync of the WAL per commit): the floor under every write the order workload makes.
 */
export function commitProbe(dir, n = 300) {
  const file = path.join(dir, `commit-probe-${process.pid}.sqlite`);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (a INTEGER)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    insert.run(0);
    const t = performance.now();
    for (let i = 1; i <= n; i++) insert.run(i);
    return (performance.now() - t) / n;
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}
