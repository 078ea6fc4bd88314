// Turns one bench run into a Markdown table (printed and saved) and a JSON file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const n = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));

function loadTable(runs) {
  const ceiling = Object.fromEntries(runs.filter((r) => r.name === 'node:http hello').map((r) => [r.connections, r.rps]));
  const head = '| workload | c | req/s | × node:http | p50 ms | p99 ms | errors | non-2xx | CPU ms/req | peak RSS MB |';
  const rows = runs.map((r) => {
    const ratio = ceiling[r.connections] && r.kind !== 'orders' ? `${n((r.rps / ceiling[r.connections]) * 100, 1)} %` : '–';
    const errors = r.errors + r.timeouts;
    return `| ${r.name} | ${r.connections} | ${n(r.rps)} | ${ratio} | ${n(r.p50, 1)} | ${n(r.p99, 1)} | ${errors} | ${r.non2xx} | ${n(r.cpuMsPerRequest, 3)} | ${n(r.peakRssMb, 1)} |`;
  });
  return [head, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

function weightTable(weights) {
  const head = '| page | HTML gzip B | HTML B | CSS B | CSS wire B | JS B | inline scripts | requests besides images |';
  const rows = Object.entries(weights).map(
    ([page, w]) => `| ${page} | ${n(w.htmlGzipBytes)} | ${w.htmlBytes} | ${w.cssBytes} | ${w.cssWireBytes} | ${w.jsBytes} | ${w.inlineScripts} | ${w.requestsBesidesImages} |`,
  );
  return [head, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

const statuses = (s) =>
  Object.entries(s ?? {})
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ') || 'none';
const yes = (ok) => (ok ? 'yes' : '**NO**');
const exitText = (e) => (!e ? '–' : e.signal ? `killed (${e.signal}): the grace period ran out` : `exited with ${e.code}`);

function orderSection(result) {
  const o = result.ordering;
  if (!o) return [];
  const runs = result.runs.filter((r) => r.kind === 'orders');
  const head = '| c | orders/s | place p50 / p90 / p99 / max ms | place answers | refill adds/s | add p50 / p99 ms | server CPU ms per order (with refills) | server CPU busy | orders/s 1st → last second |';
  const rows = runs.map((r) => {
    const s = r.ordersPerSecondBySecond ?? [];
    const full = s.length > 1 ? s.slice(0, -1) : s; // the last bucket is a part second
    return (
      `| ${r.connections} | ${n(r.rps)} | ${n(r.place.p50, 1)} / ${n(r.place.p90, 1)} / ${n(r.place.p99, 1)} / ${n(r.place.max, 1)} | ${statuses(r.place.statuses)} | ` +
      `${n(r.refill.perSecond)} | ${n(r.refill.p50, 1)} / ${n(r.refill.p99, 1)} | ${n(r.cpuMsPerRequest, 2)} | ${n(r.cpuBusyPct)} % | ${full[0] ?? '–'} → ${full[full.length - 1] ?? '–'} |`
    );
  });
  const bursts = o.bursts ?? [];
  const burstRows = bursts.map(
    (b) =>
      `| ${b.connections} | ${n(b.ordersPerSecond)} | ${n(b.place.p50, 1)} / ${n(b.place.p90, 1)} / ${n(b.place.p99, 1)} / ${n(b.place.max, 1)} | ${statuses(b.place.statuses)} | ` +
      `${b.orders} in ${b.rounds} rounds, ${n(b.placingSeconds, 1)} s | ${n(b.cpuMsPerOrder, 2)} | ${n((b.serverCpuMs / (b.placingSeconds * 1000)) * 100)} % |`,
  );
  const best = Math.max(...runs.map((r) => r.rps), ...bursts.map((b) => b.ordersPerSecond));
  const c = o.checks.afterSigterm;
  const k = o.checks.afterSigkill;
  const sell = o.sellout;
  const so = c.sellout;
  return [
    '## Order placement',
    '',
    `${o.buyers} buyers signed in over HTTP (carts filled and reviewed in ${n(o.prepareSeconds, 1)} s). Each order: POST /en/checkout/place with a fresh ` +
      'idempotency key and the total the review page showed (two lines, products each stocked by two members, fair share), then the cart is refilled ' +
      'with one POST /en/cart/add per line. orders/s counts 303s to a new order page; the refills share the same server core.',
    '',
    [head, '| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n'),
    '',
    ...(burstRows.length
      ? [
        'Placing alone: rounds in which every buyer places one order (the carts full, the workers sharing the list), timed, with the server\'s CPU read ' +
          'before and after each round; the carts are refilled between rounds, untimed.',
        '',
        ['| c | orders/s | place p50 / p90 / p99 / max ms | place answers | orders | server CPU ms per order | server CPU busy |', '| ---: | ---: | ---: | --- | --- | ---: | ---: |', ...burstRows].join('\n'),
        '',
      ]
      : []),
    `Target ≥ ${o.targetOrdersPerSecond} orders/s: ${best >= o.targetOrdersPerSecond ? 'met' : `**not met** (best ${n(best)})`}. ` +
      `One commit costs ${n(o.commitMs, 2)} ms on this disk with the app's pragmas (WAL, synchronous=FULL).`,
    '',
    `Sell-out: ${sell.connections} buyers at once on one product stocked by ${so.members} members in ${so.batches} batches (${so.stock} units): ` +
      `${sell.orders} orders, ${so.orderedUnits} units ordered, ${so.remaining} left, in ${n(sell.seconds, 1)} s; place answers ${statuses(sell.place.statuses)}` +
      `${sell.place.errors + sell.place.timeouts ? `, ${sell.place.errors} errors, ${sell.place.timeouts} timeouts` : ''}. Sold exactly its stock: ${yes(so.exact)}.`,
    '',
    '| check | after SIGTERM | after SIGKILL mid-run |',
    '| --- | ---: | ---: |',
    `| orders in the file | ${c.ordersInDb} | ${k.ordersInDb} |`,
    `| acknowledged (303 to a new order) | ${c.acknowledged} | ${k.acknowledged} |`,
    `| acknowledged but missing | ${c.missingAcknowledged} | ${k.missingAcknowledged} |`,
    `| in the file, never acknowledged | ${c.unacknowledgedInDb} | ${k.unacknowledgedInDb} |`,
    `| batches below zero | ${c.batchesBelowZero} | ${k.batchesBelowZero} |`,
    `| batches where quantity − available ≠ live allocations | ${c.batchStockMismatches} | ${k.batchStockMismatches} |`,
    `| lines not allocated exactly | ${c.linesNotFullyAllocated} | ${k.linesNotFullyAllocated} |`,
    `| orders served by ≥ 2 members | ${c.ordersOverTwoOrMoreMembers} | ${k.ordersOverTwoOrMoreMembers} |`,
    `| lines split across members | ${c.linesSplitAcrossMembers} of ${c.lines} | ${k.linesSplitAcrossMembers} of ${k.lines} |`,
    `| order-placed mails in the outbox / placed events | ${c.orderPlacedMails} / ${c.placedEvents} | ${k.orderPlacedMails} / ${k.placedEvents} |`,
    `| how the server ended | ${exitText(result.server.exitAfterSigterm)} | SIGKILL |`,
    `| all checks pass | ${yes(c.ok)} | ${yes(k.ok)} |`,
    '',
    `The SIGKILL run: the server restarted on the same file, ${o.crash.connections} connections for ${o.crash.killedAfterSeconds} s, then killed; ` +
      `${o.crash.acknowledged} orders acknowledged before it. A process kill keeps what SQLite has written; losing power is not simulated.`,
    '',
  ];
}

const times = (r) => (r === null || r === undefined ? '–' : `${n(r, 2)}×`);

function scaleSection(result) {
  const s = result.scale;
  if (!s) return [];
  const c = s.seed.counts;
  const head = '| workload | c | cache | req/s small → large | CPU ms/req small → large | × | p99 ms small → large | × | ≤ ' + `${s.target}× |`;
  const rows = s.ratios.map(
    (r) =>
      `| ${r.name} | ${r.connections} | ${r.cache} | ${n(r.small.rps)} → ${n(r.large.rps)} | ${n(r.small.cpuMsPerRequest, 2)} → ${n(r.large.cpuMsPerRequest, 2)} | ${times(r.cpu)} | ` +
      `${n(r.small.p99)} → ${n(r.large.p99)} | ${times(r.p99)} | ${r.withinTarget ? 'yes' : '**no**'} |`,
  );
  const misses = s.ratios.filter((r) => r.cache === 'miss');
  const trace = s.tracePages;
  return [
    `## Scale: ${result.data.products} products and ${result.data.batches} lots (small) against the large alliance`,
    '',
    `Large: ${c.members} members, ${c.products} products (6 locales), ${c.batches} lots with ${c.events} trace events (a harvest each, ${c.shipments} shipments to buyers, ` +
      `the rest process, test and pack events), ${c.orders.orders} past orders (${c.orders.lines} lines, ${c.orders.allocations} allocations, ${c.orders.events} order events), ` +
      `${c.buyers} buyers. Seeded in ${n(s.seed.seconds.total, 1)} s (${n(s.seed.seconds.services, 1)} s through the services, the rest in bulk). ` +
      `The server started in ${n(s.largeStartupMs)} ms on it.`,
    '',
    `verify-chain on the large file: ${s.verifyChain.summary} — ${s.verifyChain.ok ? 'passed' : '**FAILED**'} in ${n(s.verifyChain.seconds, 1)} s. ` +
      `Trace pages of ${trace.pages.length} bulk-seeded lots (${trace.pages.map((p) => `${p.lot}: ${p.status}, ${p.events} events`).join('; ')}): ` +
      `${trace.ok ? 'all render with an intact record and no order number' : '**NOT all render intact**'}.`,
    '',
    `A hit is the server as it runs (public page cache on); a miss is the same server with PAGE_CACHE_SECONDS=0, so every request renders. ` +
      `Both alliances' servers run side by side and each run on the small one is followed at once by the same run on the large one ` +
      `(${s.durationSeconds} s each after ${result.environment.warmupSeconds} s of warm-up). × = large ÷ small.`,
    '',
    [head, '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |', ...rows].join('\n'),
    '',
    `Target (issue 8: catalog and search on the large alliance cost ≤ ${s.target}× the small one; CPU per request and p99 of the misses): ` +
      `${misses.filter((r) => r.withinTarget).length} of ${misses.length} miss rows within it.`,
    '',
  ];
}

/** Issue 8's targets, each with what this run measured; reported, never enforced. */
function targetsSection(result) {
  const http = result.runs.find((r) => r.name === 'node:http hello' && r.connections === 50);
  const row = (what, measured, ok) => `| ${what} | ${measured} | ${ok === null ? '–' : ok ? 'met' : '**not met**'} |`;
  const page = (name) => {
    const r = result.runs.find((x) => x.name === name && x.connections === 50);
    if (!r || !http) return row(`${name} at c=50: ≥ 8 % of node:http, p99 ≤ 50 ms`, '–', null);
    const pct = (r.rps / http.rps) * 100;
    return row(`${name} at c=50: ≥ 8 % of node:http, p99 ≤ 50 ms`, `${n(pct, 1)} %, p99 ${n(r.p99)} ms`, pct >= 8 && r.p99 <= 50);
  };
  const misses = (result.scale?.ratios ?? []).filter((r) => r.cache === 'miss' && r.name !== 'trace page');
  const worst = misses.length ? Math.max(...misses.flatMap((r) => [r.cpu, r.p99])) : null;
  const orders = [...result.runs.filter((r) => r.kind === 'orders').map((r) => r.rps), ...(result.ordering?.bursts ?? []).map((b) => b.ordersPerSecond)];
  const best = orders.length ? Math.max(...orders) : null;
  const checks = result.ordering?.checks;
  const safe = checks ? checks.afterSigterm.ok && checks.afterSigkill.ok : null;
  const app = result.runs.filter((r) => r.connections === 50 && !['node:http hello', 'express hello'].includes(r.name));
  const peak = app.length ? Math.max(...app.map((r) => r.peakRssMb ?? 0)) : null;
  const w = result.pageWeight?.catalog;
  return [
    '## Targets (issue 8)',
    '',
    '| target | this run | |',
    '| --- | --- | --- |',
    page('catalog es EUR'),
    page('product page'),
    page('trace page'),
    row('catalog and search misses, large ÷ 1,000-product alliance (CPU/request and p99): ≤ 1.5×', worst === null ? '–' : `worst ${n(worst, 2)}×`, worst === null ? null : worst <= 1.5),
    row('order placement ≥ 500 orders/s on SQLite', best === null ? '–' : `best ${n(best)} orders/s`, best === null ? null : best >= 500),
    row('zero oversell, every acknowledged order durable', safe === null ? '–' : safe ? 'all checks pass' : 'a check failed', safe),
    row('peak RSS ≤ 150 MB under the c=50 runs', peak === null ? '–' : `${n(peak, 1)} MB`, peak === null ? null : peak <= 150),
    row('startup to first 200 ≤ 1 s', `${n(result.server.startupMs)} ms`, result.server.startupMs <= 1000),
    row(
      'catalog page: ≤ 30 KB compressed HTML, ≤ 15 KB CSS, no JS, ≤ 6 requests besides images',
      w ? `${n(w.htmlGzipBytes)} B, ${w.cssBytes} B CSS, ${w.jsBytes} B JS, ${w.requestsBesidesImages} requests` : '–',
      w ? w.htmlGzipBytes <= 30_000 && w.cssBytes <= 15_000 && w.jsBytes === 0 && w.requestsBesidesImages <= 6 : null,
    ),
    '',
  ];
}

export function toMarkdown(result) {
  const { environment: env, data, server } = result;
  return [
    `# Terroir bench, ${result.date}`,
    '',
    `Node ${env.node}, ${env.cpus} × ${env.cpuModel}; taskset ${env.taskset ? 'server on core 0, load on core 1' : 'not available (unpinned)'}; ` +
      `${env.warmupSeconds} s warm-up, then ${env.durationSeconds} s per run.`,
    '',
    `Data: ${data.members} members, ${data.products} products (6 locales), ${data.batches} batches, ${data.events} trace events ` +
      `(${data.batches} harvests + ${data.batches * 3} more). Seeded through the services in ${n(data.seedSeconds.total, 1)} s.`,
    '',
    `Server: startup to first 200 of /healthz ${n(server.startupMs)} ms; RSS idle ${n(server.idleRssMb, 1)} MB after start, ` +
      `${n(server.idleRssAfterMb, 1)} MB idle after the runs, peak ${n(server.peakRssMb, 1)} MB.`,
    '',
    ...targetsSection(result),
    '## Load',
    '',
    loadTable(result.runs),
    '',
    ...(result.ordering ? ['Order placement rows: req/s = orders/s, p50/p99 of the placing request, non-2xx = answers other than the expected 303 (placing and refills), CPU ms/req = per order including its refills.', ''] : []),
    ...orderSection(result),
    ...scaleSection(result),
    '## Page weight',
    '',
    weightTable(result.pageWeight),
    '',
  ].join('\n');
}

export function save(dir, result) {
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, result.date);
  writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${base}.md`, toMarkdown(result));
  return base;
}
