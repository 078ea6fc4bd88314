import { expect } from 'chai';
import type { CreateProductInput } from '#modules/catalog/index.js';
import { normalizeForSearch, searchTerms, spreadForShortTerms } from '#modules/catalog/search.js';
import { deleteSearchTexts, rankedHits, searchProductIds, upsertSearchText } from '#modules/catalog/search.queries.js';
import { makeProduct } from '#test/helpers/factories.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { onPostgres } from '#test/helpers/test-db.js';

type Translations = CreateProductInput['translations'];

describe(`product search (${onPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestContext;
  const ids: Record<string, number> = {};

  // Until the catalog service maintains product_search, the test writes what it would.
  async function product(key: string, translations: Translations, status: 'active' | 'proposed' | 'retired' = 'active') {
    const p = await makeProduct(t.services, { translations, status });
    for (const [locale, tr] of Object.entries(translations)) {
      await upsertSearchText(t.db, p.id, locale, normalizeForSearch(`${tr?.name ?? ''} ${tr?.description ?? ''}`));
    }
    ids[key] = p.id;
  }

  const search = (q: string, opts: { limit?: number; statuses?: string[] } = {}) =>
    searchProductIds(t.db, q, { limit: opts.limit ?? 50, ...(opts.statuses ? { statuses: opts.statuses } : {}) });
  const found = async (q: string) => (await search(q)).map((h) => h.productId).sort((a, b) => a - b);
  const localeOf = async (q: string, key: string) => (await search(q)).find((h) => h.productId === ids[key])?.locale;
  const idsOf = (...keys: string[]) => keys.map((k) => ids[k] as number).sort((a, b) => a - b);

  before(async () => {
    t = await createTestContext();
    await product('wildHoney', {
      en: { name: 'Wild honey', description: 'From the forest.' },
      'zh-CN': { name: '野生蜂蜜', description: '森林里的蜂蜜。' },
    });
    await product('longanHoney', {
      en: { name: 'Longan honey', description: 'Golden.' },
      'zh-TW': { name: '龍眼蜂蜜', description: '金黃色的龍眼花蜜。' },
      ar: { name: 'عسل اللونجان', description: 'عَسَلٌ ذَهَبِيّ' },
    });
    await product('coffee', {
      en: { name: 'Arabica coffee', description: 'Grown near Doi Chaang at 1,400 m.' },
      es: { name: 'Café de altura', description: 'Cultivado cerca de Doi Chaang.' },
      fr: { name: "Café d'altitude", description: 'Torréfié à la main.' },
      'zh-CN': { name: '阿拉比卡咖啡', description: '高山咖啡。' },
      'zh-TW': { name: '阿拉比卡咖啡', description: '高山咖啡。' },
      ar: { name: 'قهوة عربية', description: 'قَهْوَة مِنَ الجِبَال' },
    });
    await product('oolong', {
      en: { name: 'Oolong tea', description: 'Rolled leaves.' },
      fr: { name: 'Thé oolong', description: 'Feuilles roulées.' },
      'zh-CN': { name: '乌龙茶', description: '高山乌龙茶。' },
      'zh-TW': { name: '烏龍茶', description: '高山烏龍茶。' },
    });
    await product('lychee', {
      en: { name: 'Lychee honey', description: 'Honey from lychee orchards.' },
      es: { name: 'Miel de lichí', description: 'Miel clara.' },
      fr: { name: 'Miel de litchi', description: 'Miel clair.' },
    });
    await product('greenCoffee', { en: { name: 'Green coffee', description: 'Unroasted beans.' } });
    await product('greenTea', { en: { name: 'Green tea', description: 'Sencha-style leaves.' } });
    await product('nibs', { en: { name: 'Cacao nibs', description: 'Crunchy.' } });
    await product('chocolate', {
      en: {
        name: 'Dark chocolate bar',
        description: 'Made in the hills from fermented beans of our members, with cane sugar, raw cacao butter and a pinch of salt.',
      },
    });
    await product('sampler', { en: { name: 'Sampler 1x2', description: 'Mixed box, ab cd.' } });
    await product('retired', { en: { name: 'Retired saffron', description: '' } }, 'retired');
    await product('proposed', { en: { name: 'Proposed saffron', description: '' } }, 'proposed');
  });
  after(async () => t.close());

  it('finds two-character Chinese words, simplified and traditional', async () => {
    expect(await found('蜂蜜')).to.deep.equal(idsOf('wildHoney', 'longanHoney'));
    expect(await localeOf('蜂蜜', 'wildHoney')).to.equal('zh-CN');
    expect(await localeOf('蜂蜜', 'longanHoney')).to.equal('zh-TW');
    expect(await found('咖啡')).to.deep.equal(idsOf('coffee'));
    expect(await found('龍眼蜂蜜')).to.deep.equal(idsOf('longanHoney'));
  });

  it('tells 乌龙茶 from 烏龍茶 and returns the locale that matched', async () => {
    expect(await search('乌龙茶')).to.have.length(1);
    expect(await localeOf('乌龙茶', 'oolong')).to.equal('zh-CN');
    expect(await localeOf('烏龍茶', 'oolong')).to.equal('zh-TW');
    expect(await found('高山 咖啡')).to.deep.equal(idsOf('coffee'));
  });

  it('finds Arabic with or without tashkeel and tatweel', async () => {
    expect(await found('عَسَل')).to.deep.equal(idsOf('longanHoney'));
    expect(await localeOf('عسل', 'longanHoney')).to.equal('ar');
    expect(await found('قهوة')).to.deep.equal(idsOf('coffee'));
    expect(await found('قـهـوة الجبال')).to.deep.equal(idsOf('coffee'));
    expect(await found('عسل، قهوة')).to.deep.equal([]);
  });

  it('folds Spanish and French accents both ways', async () => {
    expect(await found('cafe')).to.deep.equal(idsOf('coffee'));
    expect(await localeOf('Café de ALTURA', 'coffee')).to.equal('es');
    expect(await localeOf('miel de lichi', 'lychee')).to.equal('es');
    expect(await localeOf('lichí', 'lychee')).to.equal('es');
    expect(await localeOf('litchi', 'lychee')).to.equal('fr');
    expect(await localeOf('TORREFIE', 'coffee')).to.equal('fr');
    expect(await localeOf('thé oolong', 'oolong')).to.equal('fr');
  });

  it('requires every term, in one locale', async () => {
    expect(await found('green coffee')).to.deep.equal(idsOf('greenCoffee'));
    expect(await found('green')).to.deep.equal(idsOf('greenCoffee', 'greenTea'));
    // "miel" is Spanish, "honey" English: no single text holds both.
    expect(await found('miel honey')).to.deep.equal([]);
  });

  // bm25 and trigram similarity know nothing of name and description; both favour the shorter
  // text when the term occurs once in each, which is all this asserts.
  it('ranks a short text naming the term above a long one mentioning it', async () => {
    const hits = await search('cacao');
    expect(hits.map((h) => h.productId)).to.deep.equal([ids.nibs, ids.chocolate]);
    expect(hits[0]!.rank).to.be.greaterThan(hits[1]!.rank);
  });

  it('keeps retired and proposed products out unless asked', async () => {
    expect(await found('saffron')).to.deep.equal([]);
    const withProposed = await search('saffron', { statuses: ['active', 'proposed'] });
    expect(withProposed.map((h) => h.productId)).to.deep.equal([ids.proposed]);
    expect(await search('saffron', { statuses: [] })).to.deep.equal([]);
  });

  it('orders deterministically and honours the limit', async () => {
    const all = await search('honey');
    expect(all.map((h) => h.productId).sort((a, b) => a - b)).to.deep.equal(idsOf('wildHoney', 'longanHoney', 'lychee'));
    expect(await search('honey')).to.deep.equal(all);
    expect(await search('honey', { limit: 1 })).to.deep.equal(all.slice(0, 1));
    expect(await search('')).to.deep.equal([]);
  });

  it('treats hostile queries as text: exactly the products containing every term', async () => {
    const rows: { product_id: number; text: string }[] = await t.db('product_search as ps')
      .join('products as p', 'p.id', 'ps.product_id')
      .where('p.status', 'active')
      .select('ps.product_id', 'ps.text');
    const queries = [
      '"); drop table products; --', "'; select 1; --", '%', '_', '"', '*', '\\', 'NEAR', 'OR', 'AND', 'NOT coffee',
      'coffee OR tea', 'NEAR(coffee tea)', 'coffee*', '"coffee"', '-coffee', 'col:coffee', '1_2', '1%2', '1x2',
      'ab"cd', 'x*y', 'a!b', 'ab cd', 'a', 'é', '\u0000', 'ab\u0000cd', '\u0000green', '\ud800green', 'x'.repeat(5000),
    ];
    for (const q of queries) {
      const terms = searchTerms(q);
      const expected = [...new Set(rows.filter((r) => terms.length && terms.every((term) => r.text.includes(term))).map((r) => r.product_id))];
      expect(await found(q), q).to.deep.equal(expected.sort((a, b) => a - b));
    }
    expect(await found('near')).to.deep.equal(idsOf('coffee'));
    expect(await found('1_2')).to.deep.equal([]);
    expect(await t.db.schema.hasTable('products')).to.equal(true);
  });

  if (!onPostgres()) {
    it('finds terms of one or two characters through the short-term index, not by reading every text', async () => {
      for (const q of ['咖啡', '茶', '蜂蜜 野生', 'ab']) {
        const { sql, bindings } = rankedHits(t.db, q, { limit: 10 })!.toSQL();
        const plan = ((await t.db.raw(`explain query plan ${sql}`, bindings as never)) as { detail: string }[]).map((r) => r.detail);
        expect(plan.some((d) => d.includes('product_search_short VIRTUAL TABLE')), `${q}: ${plan.join(' | ')}`).to.equal(true);
        expect(plan.filter((d) => /^SCAN (ps|product_search)\b/.test(d)), `${q}: ${plan.join(' | ')}`).to.deep.equal([]);
      }
    });
  }

  it('keeps short terms in step with every write: a new text, a replaced one, a deleted one, a removed product', async () => {
    await product('shortTemp', { en: { name: 'Osmanthus', description: '' }, 'zh-TW': { name: '桂花', description: '' } });
    const id = ids.shortTemp as number;
    expect(await found('桂花')).to.deep.equal([id]);
    await upsertSearchText(t.db, id, 'zh-TW', normalizeForSearch('茉莉'));
    expect(await found('桂花')).to.deep.equal([]);
    expect(await found('茉莉')).to.deep.equal([id]);
    await deleteSearchTexts(t.db, id);
    expect(await found('茉莉')).to.deep.equal([]);
    await upsertSearchText(t.db, id, 'zh-CN', normalizeForSearch('茉莉'));
    expect(await localeOf('茉', 'shortTemp')).to.equal('zh-CN');
    await t.db('products').where({ id }).del();
    expect(await found('茉莉')).to.deep.equal([]);
    if (!onPostgres()) {
      // The index itself forgot the removed rows (by trigger), not only the join that reads it.
      const left = await t.db('product_search_short').whereRaw('product_search_short match ?', [`"${spreadForShortTerms('茉莉')}"`]).count<{ n: number }[]>('* as n');
      expect(left[0]!.n).to.equal(0);
      await t.db.raw(`insert into product_search_short(product_search_short, rank) values ('integrity-check', 1)`);
    }
  });

  it('replaces a locale text on upsert and forgets texts on delete and on product removal', async () => {
    await product('temp', { en: { name: 'Temporary quince', description: '' } });
    const id = ids.temp as number;
    await upsertSearchText(t.db, id, 'en', normalizeForSearch('Temporary medlar'));
    expect(await found('quince')).to.deep.equal([]);
    expect(await found('medlar')).to.deep.equal([id]);
    await deleteSearchTexts(t.db, id);
    expect(await found('medlar')).to.deep.equal([]);
    await upsertSearchText(t.db, id, 'fr', normalizeForSearch('Nèfle temporaire'));
    expect(await localeOf('nefle', 'temp')).to.equal('fr');
    await t.db('products').where({ id }).del();
    expect(await t.db('product_search').where({ product_id: id })).to.deep.equal([]);
    expect(await found('nefle')).to.deep.equal([]);
    if (!onPostgres()) {
      // Checks the FTS index against product_search: the triggers (also under the cascade) kept it in step.
      await t.db.raw(`insert into product_search_fts(product_search_fts, rank) values ('integrity-check', 1)`);
    }
  });
});
