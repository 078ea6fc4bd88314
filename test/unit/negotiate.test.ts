import { expect } from 'chai';
import { matchLocale, negotiateLocale, parseAcceptLanguage } from '#platform/i18n/negotiate.js';

describe('locale negotiation', () => {
  const pick = (acceptLanguage?: string, cookie?: string) => negotiateLocale({ acceptLanguage, cookie }, 'en');

  it('honours quality values and order', () => {
    expect(parseAcceptLanguage('fr;q=0.5, es, ar;q=0.9')).to.deep.equal(['es', 'ar', 'fr']);
    expect(pick('zh-TW,zh;q=0.9')).to.equal('zh-TW');
    expect(pick('de-DE, fr;q=0.8, en;q=0.7')).to.equal('fr');
    expect(pick('es;q=0, fr;q=0.1')).to.equal('fr');
  });

  it('maps Chinese scripts and regions', () => {
    expect(matchLocale('zh-Hant-HK')).to.equal('zh-TW');
    expect(matchLocale('zh-HK')).to.equal('zh-TW');
    expect(matchLocale('zh-Hans')).to.equal('zh-CN');
    expect(matchLocale('zh')).to.equal('zh-CN');
    expect(matchLocale('ZH-tw')).to.equal('zh-TW');
  });

  it('maps regional variants to the language', () => {
    expect(matchLocale('es-MX')).to.equal('es');
    expect(matchLocale('ar-EG')).to.equal('ar');
    expect(matchLocale('fr-CA')).to.equal('fr');
    expect(matchLocale('de')).to.equal(undefined);
  });

  it('prefers the cookie, but only a known one', () => {
    expect(pick('es', 'ar')).to.equal('ar');
    expect(pick('es', 'xx')).to.equal('es');
  });

  it('never throws on garbage and falls back to the default', () => {
    for (const garbage of [';;;,,,', 'q=1', '*', 'en;q=2', 'en;q=abc', '\u0000\u00ff', 'é'.repeat(5000), ',;='.repeat(100), '']) {
      expect(pick(garbage), JSON.stringify(garbage.slice(0, 20))).to.equal('en');
    }
    expect(pick(undefined)).to.equal('en');
    expect(pick('@@, es')).to.equal('es');
  });
});
