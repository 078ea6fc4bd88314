// The order workload's load generator, in its own process so it can be pinned to its own core
// (autocannon cannot do it: every order empties the buyer's cart, which must be refilled first).
// Reads its options as JSON on stdin, prints the result as JSON on stdout.
//
// `connections` workers, each with one keep-alive connection and its own buyers (buyer i belongs
// to worker i mod connections, so no two requests ever touch the same cart at once). Modes:
// - load:    until `duration` s have passed: the worker's next buyer places an order
//            (POST /en/checkout/place, a fresh idempotency key, the total its review page showed),
//            then its cart is refilled with the same lines (one POST /en/cart/add per line).
// - sellout: one buyer per worker, every buyer's cart holds one line of the same scarce product;
//            place, refill, place … until the buyer is refused (shortage) or `duration` runs out.
// - bursts:  placing alone. Rounds of: every buyer places one order (the workers share the list),
//            timed, with the server's CPU read from /proc/<serverPid>/stat before and after; then
//            every cart is refilled, untimed. Until `duration` s of placing have been measured
//            (at most 3 × duration s in all).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createClient, placedNumber } from './http.mjs';

const opts = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (c) => (text += c));
  process.stdin.on('end', () => resolve(text));
}));
const { base, mode, connections, duration, buyers, lng = 'en', serverPid, clockTicks = 100 } = opts;

function tally() {
  return { count: 0, statuses: {}, errors: 0, timeouts: 0, ms: [], slowest: [] };
}
const place = tally();
const add = tally();
const remove = tally();
const acked = [];
const replays = [];
const ackTimes = [];
let soldUnits = 0;
let refusedSellout = 0;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = performance.now();
const deadline = started + duration * 1000;

/** One request, counted in `t`; resolves to the response or undefined on a network error. */
async function timed(t, client, method, path, init) {
  try {
    const res = await client.request(method, path, init);
    t.count += 1;
    t.statuses[res.status] = (t.statuses[res.status] ?? 0) + 1;
    t.ms.push(res.ms);
    // The five slowest, with when they were sent: a tail at the start of a run is not one at its end.
    const sentAt = (performance.now() - started - res.ms) / 1000;
    if (t.slowest.length < 5 || res.ms > t.slowest[4].ms) {
      t.slowest = [...t.slowest, { ms: Math.round(res.ms), sentAtSeconds: Number(sentAt.toFixed(2)), status: res.status }].sort((a, b) => b.ms - a.ms).slice(0, 5);
    }
    return res;
  } catch (err) {
    if (err.timeout) t.timeouts += 1;
    else t.errors += 1;
    return undefined;
  }
}

const form = (b, extra) => ({ _csrf: b.csrf, ...extra });

async function addLine(client, b, line) {
  const res = await timed(add, client, 'POST', `/${lng}/cart/add`, { cookie: b.cookie, form: form(b, { productId: String(line.productId), qty: line.qty }) });
  return res?.status === 303;
}

/** Fills an emptied cart again; on any surprise the cart is rebuilt from scratch next time. */
async function refill(client, b, lines) {
  for (const line of lines) {
    if (!(await addLine(client, b, line))) return false;
  }
  return true;
}

async function rebuild(client, b, lines) {
  for (const line of lines) {
    await timed(remove, client, 'POST', `/${lng}/cart/remove`, { cookie: b.cookie, form: form(b, { productId: String(line.productId) }) });
  }
  return refill(client, b, lines);
}

/** POST /checkout/place; returns 'placed', 'refused' (a 409) or 'failed'. */
async function placeOrder(client, b) {
  const res = await timed(place, client, 'POST', `/${lng}/checkout/place`, {
    cookie: b.cookie,
    form: form(b, {
      addressId: String(b.addressId),
      shipping: 'delivery',
      incoterm: 'DAP',
      payment: 'bank_transfer',
      idempotencyKey: randomBytes(18).toString('base64url'),
      expectedTotal: b.expectedTotal,
    }),
  });
  if (!res) return 'failed';
  const placed = res.status === 303 ? placedNumber(res.headers) : undefined;
  if (placed) {
    (placed.fresh ? acked : replays).push(placed.number);
    ackTimes.push(performance.now() - started);
    return 'placed';
  }
  return res.status === 409 ? 'refused' : 'failed';
}

async function loadWorker(w) {
  const client = createClient(base);
  const mine = buyers.filter((_, i) => i % connections === w);
  const dirty = new Set();
  try {
    for (let k = 0; performance.now() < deadline; k++) {
      const b = mine[k % mine.length];
      if (dirty.has(b)) {
        if (!(await rebuild(client, b, b.lines))) {
          await sleep(20); // the server is gone or refusing: do not spin
          continue;
        }
        dirty.delete(b);
      }
      const outcome = await placeOrder(client, b);
      // A refusal leaves the cart as it was; a failure leaves it unknown: rebuild it next time.
      if (outcome !== 'placed') {
        dirty.add(b);
        if (outcome === 'failed') await sleep(20);
        continue;
      }
      if (!(await refill(client, b, b.lines))) dirty.add(b);
    }
  } finally {
    client.close();
  }
}

async function selloutWorker(w) {
  const client = createClient(base);
  const b = buyers[w];
  const units = Number(b.scarceLine.qty);
  try {
    while (performance.now() < deadline) {
      const outcome = await placeOrder(client, b);
      if (outcome === 'placed') soldUnits += units;
      else if (outcome === 'refused') {
        refusedSellout += 1;
        return;
      } else return;
      // Adding more than the pool holds is refused (422) before any placing: the buyer is done.
      if (!(await addLine(client, b, b.scarceLine))) return;
    }
  } finally {
    client.close();
  }
}

/** The server's CPU time so far (user + system), in ms. */
function serverCpuMs() {
  const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

const burst = { rounds: 0, orders: 0, placingSeconds: 0, serverCpuMs: 0, notPlaced: 0 };

async function bursts() {
  const clients = Array.from({ length: connections }, () => createClient(base));
  const hardDeadline = started + duration * 3000;
  // Carts to fill again: emptied by an order (refill), or in an unknown state after a refusal (rebuild).
  let emptied = new Set();
  let dirty = new Set();
  try {
    while (burst.placingSeconds < duration && performance.now() < hardDeadline) {
      // Untimed: carts emptied by the last round are filled again.
      const todo = [...emptied, ...dirty];
      const rebuildThem = dirty;
      emptied = new Set();
      dirty = new Set();
      let r = 0;
      await Promise.all(clients.map(async (client) => {
        while (r < todo.length) {
          const b = todo[r++];
          const ok = rebuildThem.has(b) ? await rebuild(client, b, b.lines) : await refill(client, b, b.lines);
          if (!ok) dirty.add(b);
        }
      }));
      const ready = buyers.filter((b) => !dirty.has(b));
      // Timed: one order per buyer whose cart is full.
      const cpu0 = serverCpuMs();
      const t0 = performance.now();
      let next = 0;
      await Promise.all(clients.map(async (client) => {
        while (next < ready.length) {
          const b = ready[next++];
          const outcome = await placeOrder(client, b);
          if (outcome === 'placed') {
            burst.orders += 1;
            emptied.add(b);
          } else {
            burst.notPlaced += 1;
            dirty.add(b);
          }
        }
      }));
      burst.placingSeconds += (performance.now() - t0) / 1000;
      burst.serverCpuMs += serverCpuMs() - cpu0;
      burst.rounds += 1;
    }
    // Leave every cart full for whatever runs next.
    const todo = [...emptied];
    let r = 0;
    await Promise.all(clients.map(async (client) => {
      while (r < todo.length) {
        const b = todo[r++];
        await refill(client, b, b.lines);
      }
    }));
  } finally {
    for (const client of clients) client.close();
  }
}

const workers =
  mode === 'sellout'
    ? buyers.slice(0, connections).map((_, w) => selloutWorker(w))
    : mode === 'bursts'
      ? [bursts()]
      : Array.from({ length: connections }, (_, w) => loadWorker(w));
await Promise.all(workers);
const seconds = (performance.now() - started) / 1000;

function summary(t) {
  const ms = t.ms.sort((a, b) => a - b);
  const at = (p) => (ms.length ? ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)] : null);
  return { count: t.count, statuses: t.statuses, errors: t.errors, timeouts: t.timeouts, p50: at(50), p90: at(90), p99: at(99), max: ms.length ? ms[ms.length - 1] : null, slowest: t.slowest };
}

const perSecond = Array.from({ length: Math.ceil(seconds) }, () => 0);
for (const t of ackTimes) perSecond[Math.min(perSecond.length - 1, Math.floor(t / 1000))] += 1;

process.stdout.write(
  JSON.stringify({
    mode,
    connections,
    seconds,
    orders: acked.length,
    ordersPerSecond: acked.length / seconds,
    perSecond,
    place: summary(place),
    add: summary(add),
    remove: summary(remove),
    acked,
    replays,
    soldUnits,
    refusedSellout,
    ...(mode === 'bursts'
      ? { burst: { ...burst, ordersPerSecond: burst.orders / burst.placingSeconds, cpuMsPerOrder: burst.orders ? burst.serverCpuMs / burst.orders : null } }
      : {}),
  }),
);
