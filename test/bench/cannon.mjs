// One bounded autocannon run, in its own process so it can be pinned to its own core.
// Usage: node cannon.mjs '{"url":…,"connections":…,"duration":…,"headers":{…}}' — prints the result as JSON.
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2]);
const result = await autocannon({ ...opts, timeout: 10 });
const seconds = (new Date(result.finish) - new Date(result.start)) / 1000;
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    seconds,
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  }),
);
