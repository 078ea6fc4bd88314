import { expect } from 'chai';
import request from 'supertest';
import { AppError } from '#platform/http/errors.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';

describe('web shell', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext({
      extend(app) {
        app.get('/__boom', () => {
          throw new Error('secret internal detail');
        });
        app.get('/__teapot', () => {
          throw new AppError('forbidden');
        });
      },
    });
  });
  after(async () => t.close());

  it('answers /healthz with the database status', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok', db: 'ok' });
    expect(res.headers['cache-control']).to.equal('no-store');
  });

  it('renders a localized 404 page without leaking anything', async () => {
    const res = await request(t.app).get('/fr/no-such-page');
    expect(res.status).to.equal(404);
    expect(res.text).to.match(/<html lang="fr"/);
    expect(res.text).not.to.contain('Page not found');
    const en = await request(t.app).get('/en/no-such-page');
    expect(en.text).to.contain('Page not found');
  });

  it('renders a localized 500 page with no stack trace', async () => {
    const res = await request(t.app).get('/__boom').set('Accept-Language', 'zh-CN');
    expect(res.status).to.equal(500);
    expect(res.text).to.match(/<html lang="zh-CN"/);
    expect(res.text).not.to.contain('secret internal detail');
    expect(res.text).not.to.match(/at .*\.js:\d+/);
    expect(res.text).not.to.contain('Something went wrong');
  });

  it('maps an AppError to its status', async () => {
    const res = await request(t.app).get('/__teapot').set('Cookie', 'lng=ar');
    expect(res.status).to.equal(403);
    expect(res.text).to.match(/dir="rtl"/);
  });

  it('sets security headers on pages, errors and assets', async () => {
    const css = (await request(t.app).get('/en/')).text.match(/href="(\/static\/css\/app\.css\?v=[0-9a-f]+)"/)?.[1];
    expect(css).to.be.a('string');
    for (const path of ['/en/', '/en/nothing-here', '/healthz', css as string]) {
      const res = await request(t.app).get(path);
      const csp = res.headers['content-security-policy'] ?? '';
      expect(csp, path).to.contain("default-src 'self'");
      expect(csp, path).to.contain("script-src 'self'");
      expect(csp, path).to.contain("base-uri 'none'");
      expect(csp, path).to.contain("frame-ancestors 'none'");
      expect(csp, path).not.to.contain('unsafe-inline');
      expect(res.headers['x-content-type-options'], path).to.equal('nosniff');
      expect(res.headers['x-powered-by'], path).to.equal(undefined);
      expect(res.headers['x-request-id'], path).to.match(/^[\w-]+$/);
    }
  });

  it('serves fingerprinted static files with immutable caching, and compresses pages', async () => {
    const page = await request(t.app).get('/en/').set('Accept-Encoding', 'gzip');
    expect(page.headers['content-encoding']).to.equal('gzip');
    const css = page.text.match(/href="(\/static\/css\/app\.css\?v=[0-9a-f]+)"/)?.[1] as string;
    const res = await request(t.app).get(css);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.match(/max-age=31536000.*immutable/);
    expect(res.text).to.contain('inset-inline-start');
    expect((await request(t.app).get('/static/nope.css')).status).to.equal(404);
    expect((await request(t.app).get('/static/../package.json')).status).to.equal(404);
  });

  it('serves static files compressed ahead of time, brotli or gzip as accepted, with an ETag', async () => {
    const page = await request(t.app).get('/en/');
    const css = page.text.match(/href="(\/static\/css\/app\.css\?v=[0-9a-f]+)"/)?.[1] as string;
    const plain = await request(t.app).get(css).set('Accept-Encoding', 'identity');
    const br = await request(t.app).get(css).set('Accept-Encoding', 'gzip, deflate, br');
    const gz = await request(t.app).get(css).set('Accept-Encoding', 'gzip, br;q=0');
    expect([plain.headers['content-encoding'], br.headers['content-encoding'], gz.headers['content-encoding']]).to.deep.equal([undefined, 'br', 'gzip']);
    expect(br.text).to.equal(plain.text); // supertest decodes both
    expect(gz.text).to.equal(plain.text);
    expect(Number(br.headers['content-length'])).to.be.lessThan(Number(plain.headers['content-length']) / 2);
    expect(br.headers['content-type']).to.equal('text/css; charset=utf-8');
    expect(br.headers['vary']).to.contain('Accept-Encoding');
    const again = await request(t.app).get(css).set('If-None-Match', String(br.headers.etag));
    expect(again.status).to.equal(304);
    const unversioned = await request(t.app).get('/static/css/app.css');
    expect([unversioned.status, unversioned.headers['cache-control']]).to.deep.equal([200, 'public, max-age=300']);
    const head = await request(t.app).head('/static/favicon.svg');
    expect([head.status, head.headers['content-type']]).to.deep.equal([200, 'image/svg+xml']);
    expect((await request(t.app).post(css)).status).to.not.equal(200);
  });

  it('keeps a sane request id given by a proxy', async () => {
    const res = await request(t.app).get('/healthz').set('X-Request-Id', 'edge-42');
    expect(res.headers['x-request-id']).to.equal('edge-42');
    const bad = await request(t.app).get('/healthz').set('X-Request-Id', '<script>');
    expect(bad.headers['x-request-id']).not.to.equal('<script>');
  });

  it('answers 503 from /healthz when the database is gone', async () => {
    await t.db.destroy();
    const res = await request(t.app).get('/healthz');
    expect(res.status).to.equal(503);
    expect(res.body).to.deep.equal({ status: 'error', db: 'error' });
  });
});
