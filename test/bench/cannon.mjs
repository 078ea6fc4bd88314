// One bounded autocannon workload, in its own process so it can be pinned to its own core.
// Usage: node cannon.mjs '{"url":…,"connections":…,"warmup":…,"duration":…,"headers":{…}}'
// With `warmup` (seconds), it first loads the server that long and discards the result — which
// warms the load generator's own code as well as the server — then prints `warm` on stdout and
// waits for a line on stdin (the parent reads the server's CPU and RSS then) before the measured
// run. The measured result is printed as JSON on the last line.
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const { warmup = 0, ...opts } = JSON.parse(process.argv[2]);
if (warmup > 0) {
  await autocannon({ ...opts, duration: warmup, timeout: 10 });
  process.stdout.write('warm\n');
  await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
}
const result = await autocannon({ ...opts, timeout: 10 });
const seconds = (new Date(result.finish) - new Date(result.start)) / 1000;
process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    seconds,
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  })}\n`,
);
process.exit(0);
