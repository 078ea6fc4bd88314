// Turns one bench run into a Markdown table (printed and saved) and a JSON file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const n = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits));

function loadTable(runs) {
  const ceiling = Object.fromEntries(runs.filter((r) => r.name === 'node:http hello').map((r) => [r.connections, r.rps]));
  const head = '| workload | c | req/s | × node:http | p50 ms | p99 ms | errors | non-2xx | CPU ms/req | peak RSS MB |';
  const rows = runs.map((r) => {
    const ratio = ceiling[r.connections] ? `${n((r.rps / ceiling[r.connections]) * 100, 1)} %` : '–';
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
    '## Load',
    '',
    loadTable(result.runs),
    '',
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
