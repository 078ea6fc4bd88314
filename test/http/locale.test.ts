import { expect } from 'chai';
import request from 'supertest';
import { LOCALES } from '#platform/i18n/locales.js';
import { createTestContext, TEST_PUBLIC_URL, type TestContext } from '#test/helpers/test-app.js';
import { makeMember, makeProduct } from '#test/helpers/factories.js';

describe('locales over HTTP', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
    const member = await makeMember(t.services, { name: 'Mae Salong Tea Garden', story: { en: 'Oolong on the ridge.', 'zh-TW': '山脊上的烏龍茶。' } });
    await makeProduct(t.services, {
      translations: { en: { name: 'Oolong tea', description: 'Rolled leaves.' }, 'zh-TW': { name: '烏龍茶', description: '球形茶葉。' } },
      supplierMemberIds: [member.id],
    });
  });
  after(async () => t.close());

  const root = (headers: Record<string, string>) => {
    const r = request(t.app).get('/');
    for (const [k, v] of Object.entries(headers)) void r.set(k, v);
    return r;
  };

  it('redirects / by Accept-Language', async () => {
    const res = await root({ 'Accept-Language': 'zh-TW,zh;q=0.9' });
    expect(res.status).to.equal(302);
    expect(res.headers.location).to.equal('/zh-TW/');
    expect(res.headers.vary).to.match(/Accept-Language/);
  });

  it('prefers the language cookie, then falls back to the default', async () => {
    expect((await root({ 'Accept-Language': 'es', Cookie: 'lng=ar' })).headers.location).to.equal('/ar/');
    expect((await root({})).headers.location).to.equal('/en/');
  });

  it('still answers a garbage Accept-Language, and the page renders', async () => {
    for (const garbage of [';;;q=x,,@@', 'é'.repeat(3000), 'zh-TW;q=5', '\t']) {
      const res = await root({ 'Accept-Language': garbage });
      expect(res.status).to.equal(302);
      expect(res.headers.location).to.equal('/en/');
    }
    const page = await request(t.app).get('/en/').set('Accept-Language', ';;;q=x,,@@');
    expect(page.status).to.equal(200);
  });

  it('marks Arabic pages right-to-left and the others left-to-right', async () => {
    const ar = await request(t.app).get('/ar/');
    expect(ar.status).to.equal(200);
    expect(ar.text).to.match(/<html lang="ar" dir="rtl">/);
    const zh = await request(t.app).get('/zh-TW/');
    expect(zh.text).to.match(/<html lang="zh-TW" dir="ltr">/);
  });

  it('carries hreflang alternates, a canonical link and a language switcher on every page', async () => {
    const res = await request(t.app).get('/fr/');
    for (const l of LOCALES) {
      expect(res.text).to.contain(`<link rel="alternate" hreflang="${l}" href="${TEST_PUBLIC_URL}/${l}/">`);
      expect(res.text).to.match(new RegExp(`<a href="/${l}/" hreflang="${l}" lang="${l}"`));
    }
    expect(res.text).to.contain(`hreflang="x-default" href="${TEST_PUBLIC_URL}/"`);
    expect(res.text).to.contain(`<link rel="canonical" href="${TEST_PUBLIC_URL}/fr/">`);
    expect(res.text).to.match(/<a href="\/fr\/" hreflang="fr" lang="fr" aria-current="page">Français<\/a>/);
  });

  it('renders interface and content in the page’s language, with a mark where content is not translated', async () => {
    const zh = await request(t.app).get('/zh-TW/');
    expect(zh.text).to.contain('烏龍茶');
    expect(zh.text).to.contain('山脊上的烏龍茶。');
    const es = await request(t.app).get('/es/');
    expect(es.text).to.contain('Oolong tea');
    expect(es.text).to.match(/<h3 class="card__title"><a href="\/es\/products\/[^"]+" lang="en">Oolong tea<\/a><\/h3>/);
    const en = await request(t.app).get('/en/');
    expect(es.text).not.to.contain('Skip to content');
    expect(en.text).to.contain('Skip to content');
    expect(es.text).to.match(/\$12\.50|12,50\s*US\$|12,50\s*\$/);
  });

  it('remembers the chosen language in a cookie', async () => {
    const res = await request(t.app).get('/es/');
    expect(res.headers['set-cookie']?.[0]).to.match(/^lng=es;.*HttpOnly/i);
    const again = await request(t.app).get('/es/').set('Cookie', 'lng=es');
    expect(again.headers['set-cookie']).to.equal(undefined);
  });

  it('canonicalises locale spelling and the trailing slash; unknown locales are 404 in the reader’s language', async () => {
    expect((await request(t.app).get('/zh-tw/')).headers.location).to.equal('/zh-TW/');
    const bare = await request(t.app).get('/en');
    expect(bare.status).to.equal(301);
    expect(bare.headers.location).to.equal('/en/');
    const de = await request(t.app).get('/de/').set('Accept-Language', 'es');
    expect(de.status).to.equal(404);
    expect(de.text).to.match(/<html lang="es" dir="ltr">/);
  });
});
