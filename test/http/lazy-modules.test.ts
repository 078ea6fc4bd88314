import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths } from '#platform/paths.js';

const serverJs = path.join(paths.root, 'dist', 'src', 'server.js');
const recorder = pathToFileURL(path.join(paths.root, 'dist', 'test', 'helpers', 'module-recorder.js')).href;

// Libraries for rare routes (PDFs, labels and QR codes, uploads, mail, CSV, EPCIS validation):
// each costs tens of milliseconds and megabytes at start, so they load on first use.
const HEAVY = ['pdfkit', 'fontkit', '@noble/ciphers', 'sharp', 'qrcode', 'pngjs', 'nodemailer', 'multer', 'busboy', 'file-type', 'ajv', 'csv-parse', '@node-rs/argon2'];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The npm packages named in a list of module paths and URLs (the innermost node_modules wins). */
function packagesIn(list: string): Set<string> {
  const names = list.split('\n').map((line) => [...line.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1)?.[1]);
  return new Set(names.filter((n): n is string => Boolean(n)));
}

async function waitForHealth(url: string): Promise<Response | undefined> {
  for (let i = 0; i < 150; i++) {
    const res = await fetch(url).catch(() => undefined);
    if (res) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

describe('start-up loads only what serving pages needs', function () {
  this.timeout(30_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'terroir-modules-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, answers /healthz and a catalog page without loading PDF, image, QR, mail or CSV libraries', async () => {
    const port = await freePort();
    const record = path.join(dataDir, 'modules.txt');
    const env = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', MODULE_RECORD_FILE: record };
    const child = spawn('node', ['--import', recorder, serverJs], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      expect((await waitForHealth(`http://127.0.0.1:${port}/healthz`))?.status).to.equal(200);
      expect((await fetch(`http://127.0.0.1:${port}/en/products`)).status).to.equal(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).to.equal(0);

    const loaded = packagesIn(readFileSync(record, 'utf8'));
    // The recorder saw the process load its libraries at all (ES modules and CommonJS alike).
    expect([...loaded]).to.include.members(['express', 'knex', 'zod', 'i18next']);
    expect(HEAVY.filter((name) => loaded.has(name))).to.deep.equal([]);
  });
});
