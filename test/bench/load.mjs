// Drives one workload: a warm-up run (discarded), then a fixed-duration run measured from the
// load generator (requests/s, latency) and from the server's /proc entry (CPU, RSS).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMs, spawnNode, stop } from './procs.mjs';

const CANNON = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cannon.mjs');

/**
 * One autocannon process: a warm-up (discarded) then the measured run, in the same process so the
 * load generator is warm too. `onWarm` runs between the two (it reads the server's counters).
 */
function cannon(opts, onWarm) {
  if (!(opts.warmup > 0)) {
    onWarm?.();
    onWarm = undefined;
  }
  const child = spawnNode([CANNON, JSON.stringify(opts)], { core: 1, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.startsWith('warm\n') && onWarm) {
      const ready = onWarm;
      onWarm = undefined;
      ready();
      child.stdin.write('go\n');
    }
  });
  // A hard bound on top of autocannon's own durations, in case a run hangs.
  const killer = setTimeout(() => stop(child, 1000), ((opts.warmup ?? 0) + opts.duration + 20) * 1000);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()));
      else reject(new Error(`autocannon on ${opts.url} exited with ${code}`));
    });
  });
}

/**
 * @param server {pid, rss} – the process under test and its RSS sampler
 * @param load {url, headers, connections, warmup, duration}
 */
export async function measure(server, { url, headers = {}, connections, warmup, duration }) {
  let cpuBefore = 0;
  const run = await cannon({ url, headers, connections, warmup, duration }, () => {
    server.rss.mark();
    cpuBefore = cpuMs(server.pid);
  });
  const cpu = cpuMs(server.pid) - cpuBefore;
  return {
    ...run,
    cpuMsPerRequest: run.requests > 0 ? cpu / run.requests : null,
    cpuBusyPct: (cpu / (run.seconds * 1000)) * 100,
    peakRssMb: server.rss.windowPeak(),
  };
}
