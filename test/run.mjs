#!/usr/bin/env node
// `npm test`: typecheck, lint, then the suites — unit and locale once; db and http on SQLite and
// again on a throwaway PostgreSQL cluster; e2e in Debian's Chromium. With CI=true a missing
// Chromium or PostgreSQL fails the run; locally those parts are skipped with a loud notice.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPostgres } from './pg-cluster.mjs';

const CI = process.env.CI === 'true';
const bin = (name) => path.join('node_modules', '.bin', name);
const statsDir = mkdtempSync(path.join(tmpdir(), 'terroir-stats-'));
const totals = { passes: 0, failures: 0, pending: 0 };
const problems = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) problems.push(`${label} (exit ${r.status ?? r.signal})`);
  return r.status === 0;
}

function mocha(label, globs, env = {}) {
  const stats = path.join(statsDir, `${label.replace(/\W+/g, '-')}.json`);
  rmSync(stats, { force: true });
  const ok = run(label, bin('mocha'), ['--reporter', 'test/helpers/stats-reporter.cjs', '--timeout', '30000', ...globs], {
    TEST_STATS_FILE: stats,
    ...env,
  });
  if (existsSync(stats)) {
    const s = JSON.parse(readFileSync(stats, 'utf8'));
    totals.passes += s.passes;
    totals.failures += s.failures;
    totals.pending += s.pending;
  } else if (ok) problems.push(`${label}: no test report`);
}

function notice(message) {
  const line = '!'.repeat(78);
  console.log(`\n${line}\n!! ${message}\n${line}`);
}

if (!run('typecheck and build (tsc)', bin('tsc'), ['-p', 'tsconfig.json'])) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
run('lint (eslint)', bin('eslint'), ['--config', 'test/eslint.config.mjs', '.']);

mocha('unit + locales', ['dist/test/unit/**/*.test.js', 'dist/test/locale/**/*.test.js']);
mocha('db + http on SQLite', ['dist/test/db/**/*.test.js', 'dist/test/http/**/*.test.js'], { DATABASE_URL: '' });

const pg = await startPostgres();
if (pg.ok) {
  try {
    mocha('db + http on PostgreSQL', ['dist/test/db/**/*.test.js', 'dist/test/http/**/*.test.js'], {
      DATABASE_URL: pg.url,
    });
  } finally {
    pg.stop();
  }
} else if (CI) {
  problems.push(`PostgreSQL: ${pg.reason}`);
} else {
  notice(`SKIPPED the PostgreSQL run: ${pg.reason}`);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  mocha('e2e in Chromium', ['dist/test/e2e/**/*.test.js'], { DATABASE_URL: '', CHROMIUM_PATH: chromium });
} else if (CI) {
  problems.push(`Chromium not found at ${chromium}`);
} else {
  notice(`SKIPPED the e2e suite: no Chromium at ${chromium} (apt-get install chromium)`);
}

rmSync(statsDir, { recursive: true, force: true });
console.log('');
for (const p of problems) console.log(`FAILED: ${p}`);
const failed = totals.failures + (problems.length && totals.failures === 0 ? problems.length : 0);
console.log(`${totals.passes} passed, ${failed} failed${totals.pending ? `, ${totals.pending} skipped` : ''}`);
process.exit(problems.length || totals.failures ? 1 : 0);
