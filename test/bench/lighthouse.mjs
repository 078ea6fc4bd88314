// `npm run bench:lighthouse`: Lighthouse (mobile) on the catalog, a product page and a trace page
// of the demo alliance, served by the built app on loopback, in Debian's Chromium. Not part of
// `npm test`. Prints the four category scores per page against the targets and writes
// results/lighthouse-<date>.json and .md.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const { startDemoServer } = await import(path.join(root, 'dist/test/helpers/server.js'));

const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 100 };
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const server = await startDemoServer();
let chrome;
const rows = [];
try {
  const product = (await server.services.storefront.allSlugs())[0];
  const lot = (await server.services.traceability.lotsOnOffer((await server.services.catalog.productBySlug(product)).id))[0]?.lotCode;
  const pages = [
    ['catalog', '/es/products'],
    ['product', `/es/products/${product}`],
    ['trace', `/es/trace/${encodeURIComponent(lot)}`],
  ];
  chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  // A first, discarded run warms Chromium and the server (the first navigation of a fresh browser
  // can fail to paint in time under the emulated slow CPU).
  await lighthouse(`${server.url}${pages[0][1]}`, { port: chrome.port, output: 'json', logLevel: 'error' });
  for (const [name, p] of pages) {
    const result = await lighthouse(`${server.url}${p}`, { port: chrome.port, output: 'json', logLevel: 'error' });
    if (result.lhr.runtimeError) console.log(`${name}: Lighthouse could not measure it: ${result.lhr.runtimeError.code}`);
    const categories = result.lhr.categories;
    const scores = Object.fromEntries(Object.keys(TARGETS).map((k) => [k, Math.round((categories[k]?.score ?? 0) * 100)]));
    const failing = Object.values(categories).flatMap((c) =>
      c.auditRefs.filter((r) => r.weight > 0 && (result.lhr.audits[r.id].score ?? 1) < 1).map((r) => `${c.id}: ${r.id}`),
    );
    rows.push({ name, path: p, scores, failing, runtimeError: result.lhr.runtimeError?.code ?? null });
    console.log(`${name.padEnd(8)} ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join('  ')}`);
  }
} finally {
  await chrome?.kill();
  await server.close();
}

const date = new Date().toISOString().slice(0, 10);
const dir = path.join(here, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, `lighthouse-${date}.json`), JSON.stringify({ date, targets: TARGETS, pages: rows }, null, 2));
const md = [
  `# Lighthouse (mobile), ${date}`,
  '',
  'Demo alliance, built app on loopback, Debian Chromium headless, Lighthouse 12 default mobile emulation (slow 4G, 4× CPU slowdown).',
  '',
  `| page | ${Object.keys(TARGETS).join(' | ')} |`,
  `| --- | ${Object.keys(TARGETS).map(() => '---:').join(' | ')} |`,
  `| target | ${Object.values(TARGETS).map((v) => `≥ ${v}`).join(' | ')} |`,
  ...rows.map((r) => `| ${r.name} | ${Object.keys(TARGETS).map((k) => `${r.scores[k]}${r.scores[k] >= TARGETS[k] ? '' : ' ✗'}`).join(' | ')} |`),
  '',
  '## Audits that cost points',
  '',
  ...rows.map((r) => `- **${r.name}** (\`${r.path}\`): ${r.runtimeError ? `not measured (${r.runtimeError})` : r.failing.length ? r.failing.join(', ') : 'none'}`),
  '',
].join('\n');
writeFileSync(path.join(dir, `lighthouse-${date}.md`), md);
console.log(`Written to test/bench/results/lighthouse-${date}.json and .md`);
