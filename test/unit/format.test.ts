import { expect } from 'chai';
import { parseScaledDecimal, scaledToDecimalString } from '#platform/decimal.js';
import { createFormatter } from '#platform/i18n/format.js';
import { currencyDigits, isCurrencyCode, minorToDecimalString } from '#platform/money.js';

describe('decimals and money', () => {
  it('turns scaled integers into exact decimal text', () => {
    expect(scaledToDecimalString(123456n, 2)).to.equal('1234.56');
    expect(scaledToDecimalString(-5, 3)).to.equal('-0.005');
    expect(scaledToDecimalString(7, 0)).to.equal('7');
    expect(scaledToDecimalString(9007199254740993n, 2)).to.equal('90071992547409.93');
  });

  it('parses decimal text without floating point', () => {
    expect(parseScaledDecimal('18.123456', 6)).to.equal(18123456n);
    expect(parseScaledDecimal('-0.1', 6)).to.equal(-100000n);
    expect(parseScaledDecimal('4', 4)).to.equal(40000n);
    expect(parseScaledDecimal('0.1234567', 6)).to.equal(undefined);
    for (const bad of ['', '1e3', '1,5', 'abc', '.5', '--1', '1.2.3']) expect(parseScaledDecimal(bad, 6), bad).to.equal(undefined);
  });

  it('knows each currency’s minor unit', () => {
    expect(currencyDigits('USD')).to.equal(2);
    expect(currencyDigits('JPY')).to.equal(0);
    expect(currencyDigits('TWD')).to.equal(2);
    expect(minorToDecimalString(1999, 'JPY')).to.equal('1999');
    expect(isCurrencyCode('EUR')).to.equal(true);
    expect(isCurrencyCode('XYZ')).to.equal(false);
    expect(isCurrencyCode('eur')).to.equal(false);
  });

  it('formats money, measures and countries for the page’s locale', () => {
    expect(createFormatter('en').money(125050, 'USD')).to.equal('$1,250.50');
    expect(createFormatter('es').money(125050, 'EUR').replace(/\s/g, ' ')).to.equal('1250,50 €');
    expect(createFormatter('fr').money(125050, 'EUR').replace(/\s/g, ' ')).to.equal('1 250,50 €');
    expect(createFormatter('zh-TW').money(125050, 'TWD')).to.contain('1,250.50');
    expect(createFormatter('en').measure(500, 3, 'kg')).to.equal('0.5 kg');
    expect(createFormatter('en').weight(500)).to.equal('500 g');
    expect(createFormatter('en').weight(60000)).to.equal('60 kg');
    expect(createFormatter('fr').weight(1250).replace(/\s/g, ' ')).to.equal('1,25 kg');
    expect(createFormatter('zh-CN').country('TH')).to.equal('泰国');
    expect(createFormatter('ar').country('ES')).to.equal('إسبانيا');
    expect(createFormatter('en').date('2026-03-01T12:00:00Z')).to.equal('Mar 1, 2026');
  });
});
