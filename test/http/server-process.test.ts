import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { paths } from '#platform/paths.js';

const serverJs = path.join(paths.root, 'dist', 'src', 'server.js');
const migrateJs = path.join(paths.root, 'dist', 'src', 'cli', 'migrate.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('the server process', function () {
  this.timeout(30_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'terroir-proc-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = (extra: Record<string, string>) => ({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra });

  it('refuses to boot on bad configuration, one line per problem', () => {
    const r = spawnSync('node', [serverJs], { env: env({ PORT: 'abc', DEFAULT_LOCALE: 'xx' }), encoding: 'utf8' });
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/^Invalid configuration:\n {2}PORT: .+\n {2}DEFAULT_LOCALE: .+\n$/);
  });

  it('migrates with npm run migrate, then reports it is up to date', () => {
    const first = spawnSync('node', [migrateJs], { env: env({}), encoding: 'utf8' });
    expect(first.status, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/Applied \d+ migration/);
    const second = spawnSync('node', [migrateJs], { env: env({}), encoding: 'utf8' });
    expect(second.stdout).to.contain('Already up to date.');
  });

  it('serves /healthz, then shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn('node', [serverJs], { env: env({ PORT: String(port), HOST: '127.0.0.1' }), stdio: 'pipe' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let health: Response | undefined;
    for (let i = 0; i < 100 && !health; i++) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (!health) await new Promise((r) => setTimeout(r, 100));
    }
    expect(health?.status).to.equal(200);
    expect(await health?.json()).to.deep.equal({ status: 'ok', db: 'ok' });
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });
});
