import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, ensureSessionSecret, loadConfig } from '#platform/config.js';

describe('config', () => {
  it('has a default for every key', () => {
    const c = loadConfig({});
    expect(c.port).to.equal(3000);
    expect(c.dataDir).to.equal(path.resolve('./data'));
    expect(c.database).to.deep.equal({ kind: 'sqlite', filename: path.resolve('./data/terroir.sqlite') });
    expect(c.publicUrl).to.equal('http://localhost:3000');
    expect(c.defaultLocale).to.equal('en');
    expect(c.logLevel).to.equal('info');
    expect(c.smtpUrl).to.equal(undefined);
    expect(c.secureCookies).to.equal(false);
  });

  it('reads PostgreSQL, an https public URL and a chosen locale', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/terroir',
      PUBLIC_URL: 'https://coop.example/',
      DEFAULT_LOCALE: 'zh-TW',
      PORT: '8080',
      SMTP_URL: 'smtp://mail.example:25',
    });
    expect(c.database).to.deep.equal({ kind: 'postgres', url: 'postgres://u:p@db:5432/terroir' });
    expect(c.publicUrl).to.equal('https://coop.example');
    expect(c.secureCookies).to.equal(true);
    expect(c.defaultLocale).to.equal('zh-TW');
    expect(c.port).to.equal(8080);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).to.equal(3000);
  });

  it('lists every problem, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DEFAULT_LOCALE: 'de', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).to.have.length(5);
    for (const key of ['PORT', 'LOG_LEVEL', 'DEFAULT_LOCALE', 'DATABASE_URL', 'SESSION_SECRET']) {
      expect(problems.some((p) => p.startsWith(`${key}:`)), key).to.equal(true);
    }
    expect((error as Error).message.split('\n')).to.have.length(6);
  });

  it('generates the session secret once and keeps it in DATA_DIR', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'terroir-cfg-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const first = ensureSessionSecret(config);
      expect(first.length).to.be.greaterThan(40);
      expect(ensureSessionSecret(config)).to.equal(first);
      const file = path.join(dir, 'session-secret');
      expect(readFileSync(file, 'utf8').trim()).to.equal(first);
      expect(statSync(file).mode & 0o777).to.equal(0o600);
      expect(ensureSessionSecret(loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(40) }))).to.equal('x'.repeat(40));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
