// A throwaway PostgreSQL cluster for the test run: initdb in a temp dir, a free loopback port,
// stopped and removed afterwards. As root, the cluster runs as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startPostgres() {
  if (!existsSync(path.join(PG_BIN, 'initdb'))) return { ok: false, reason: `no initdb in ${PG_BIN}` };
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'terroir-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const as = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  const exec = (cmd, args) => {
    const [c, a] = as(path.join(PG_BIN, cmd), args);
    const r = spawnSync(c, a, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  try {
    const port = await freePort();
    exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    exec('pg_ctl', [
      '-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60',
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
    console.log(`PostgreSQL test cluster on 127.0.0.1:${port}`);
    return {
      ok: true,
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        try {
          exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { ok: false, reason: err.message };
  }
}

// Allow `node test/pg-cluster.mjs` to check the machine by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const pg = await startPostgres();
  console.log(pg.ok ? `ok: ${pg.url}` : `failed: ${pg.reason}`);
  if (pg.ok) {
    execFileSync('sleep', ['1']);
    pg.stop();
  }
}
