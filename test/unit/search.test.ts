import { expect } from 'chai';
import { normalizeForSearch, searchTerms } from '#modules/catalog/search.js';

describe('search normalisation', () => {
  it('folds accents and case in Latin scripts', () => {
    expect(normalizeForSearch('Café de Altura')).to.equal('cafe de altura');
    expect(normalizeForSearch('Miel de lichí')).to.equal('miel de lichi');
    expect(normalizeForSearch('AÑO Ñandú')).to.equal('ano nandu');
    expect(normalizeForSearch('Thé vert de Châtaignier, torréfié')).to.equal('the vert de chataignier, torrefie');
    expect(normalizeForSearch('İstanbul ÇAY')).to.equal('istanbul cay');
    expect(normalizeForSearch('e\u0301te\u0301')).to.equal('ete'); // already decomposed
  });

  it('folds full-width and compatibility forms to plain ASCII', () => {
    expect(normalizeForSearch('ＣＯＦＦＥＥ　１２３')).to.equal('coffee 123');
    expect(normalizeForSearch('ﬁne')).to.equal('fine');
  });

  it('keeps Chinese intact, simplified and traditional distinct', () => {
    expect(normalizeForSearch('龍眼蜂蜜')).to.equal('龍眼蜂蜜');
    expect(normalizeForSearch('乌龙茶')).to.equal('乌龙茶');
    expect(normalizeForSearch('烏龍茶')).to.equal('烏龍茶');
    expect(normalizeForSearch('咖啡（阿拉比卡）')).to.equal('咖啡(阿拉比卡)');
  });

  it('keeps Arabic letters and strips tashkeel and tatweel', () => {
    expect(normalizeForSearch('عَسَلٌ طَبِيعِيّ')).to.equal('عسل طبيعي');
    expect(normalizeForSearch('قـهـوة')).to.equal('قهوة');
    expect(normalizeForSearch('عسل')).to.equal('عسل');
  });

  it('keeps kana voicing and Hangul syllables composed', () => {
    expect(normalizeForSearch('ガラス')).to.equal('ガラス');
    expect(normalizeForSearch('ｶﾞﾗｽ')).to.equal('ガラス');
    expect(normalizeForSearch('한국 차')).to.equal('한국 차');
  });

  it('collapses whitespace and drops invisible format characters', () => {
    expect(normalizeForSearch('  green\t\n coffee\u00a0beans  ')).to.equal('green coffee beans');
    expect(normalizeForSearch('cof\u00adfee\u200b')).to.equal('coffee');
    expect(normalizeForSearch('\u0000tea\u0007leaf\ud800')).to.equal('tea leaf');
  });

  it('is idempotent', () => {
    for (const s of ['Café de altura', 'عَسَلٌ', 'ＣＯＦＦＥＥ', '龍眼蜂蜜', 'ｶﾞﾗｽ', 'İ']) {
      expect(normalizeForSearch(normalizeForSearch(s)), s).to.equal(normalizeForSearch(s));
    }
  });
});

describe('search terms', () => {
  it('splits on whitespace, normalised, keeping a Chinese run as one term', () => {
    expect(searchTerms('  Green   COFFEE ')).to.deep.equal(['green', 'coffee']);
    expect(searchTerms('龍眼蜂蜜 有機')).to.deep.equal(['龍眼蜂蜜', '有機']);
    expect(searchTerms('Café　de altura')).to.deep.equal(['cafe', 'de', 'altura']);
  });

  it('trims punctuation at the ends of a term, keeps it inside, drops what is left empty', () => {
    expect(searchTerms('عسل، قهوة')).to.deep.equal(['عسل', 'قهوة']);
    expect(searchTerms('honey, (coffee)')).to.deep.equal(['honey', 'coffee']);
    expect(searchTerms('single-origin 1%2 a_b')).to.deep.equal(['single-origin', '1%2', 'a_b']);
    expect(searchTerms('"); drop table products; --')).to.deep.equal(['drop', 'table', 'products']);
    expect(searchTerms('% _ " * --')).to.deep.equal([]);
    expect(searchTerms('')).to.deep.equal([]);
  });

  it('keeps at most 8 distinct terms of at most 64 characters', () => {
    expect(searchTerms('a b c d e f g h i j')).to.have.length(8);
    expect(searchTerms('tea tea TEA')).to.deep.equal(['tea']);
    const [long] = searchTerms('x'.repeat(100));
    expect(long).to.have.length(64);
    const [cjk] = searchTerms('茶'.repeat(100));
    expect([...(cjk ?? '')]).to.have.length(64);
  });
});
