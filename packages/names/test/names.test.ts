import { describe, expect, it } from 'vitest';
import { foldForSearch, latinise, legalFormOf, nameKey, registrationKey, websiteDomain } from '../src/index.ts';

describe('nameKey', () => {
  it('ignores case, punctuation and English legal forms', () => {
    expect(nameKey('HSBC Holdings plc')).toBe(nameKey('hsbc holdings P.L.C.'));
    expect(nameKey('Acme Engineering Ltd.')).toBe(nameKey('ACME ENGINEERING LIMITED'));
  });
  it('ignores Traditional vs Simplified Chinese and Chinese legal forms', () => {
    expect(nameKey('滙豐銀行有限公司')).toBe(nameKey('汇丰银行'));
    expect(nameKey('中國建築股份有限公司')).toBe(nameKey('中国建筑'));
  });
  it('ignores full-width letters', () => {
    expect(nameKey('ＨＳＢＣ')).toBe(nameKey('HSBC'));
  });
  it('ignores Arabic legal-form abbreviations', () => {
    expect(nameKey('بنك الإمارات دبي الوطني ش.م.ع')).toBe(nameKey('بنك الإمارات دبي الوطني'));
  });
  it('keeps different organisations apart', () => {
    expect(nameKey('Bank of China')).not.toBe(nameKey('Bank of East Asia'));
    expect(nameKey('Emirates NBD')).not.toBe(nameKey('Emirates Airline'));
  });
  it('never reduces a name that is only a legal form to nothing', () => {
    expect(nameKey('Limited')).toBe('limited');
  });
});

describe('search folding', () => {
  it('folds width, case, accents and Chinese script', () => {
    expect(foldForSearch('Ｓociété GÉNÉRALE')).toBe('société generale'.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    expect(foldForSearch('滙豐')).toBe(foldForSearch('汇丰'));
  });
});

describe('latinise', () => {
  it('renders Chinese as pinyin and Arabic as Latin letters', () => {
    expect(latinise('汇丰银行')).toBe('Hui Feng Yin Hang');
    expect(latinise('滙豐銀行')).toBe('Hui Feng Yin Hang');
    expect(latinise('بنك')).toMatch(/^[A-Za-z' ]+$/);
  });
});

describe('identifiers', () => {
  it('reduces websites to their domain', () => {
    expect(websiteDomain('https://www.hsbc.com.hk/about')).toBe('hsbc.com.hk');
    expect(websiteDomain('HSBC.com')).toBe('hsbc.com');
    expect(websiteDomain('not a site')).toBeNull();
  });
  it('compares registration ids without separators', () => {
    expect(registrationKey('12-345 678')).toBe(registrationKey('12345678'));
  });
  it('names the legal form it strips', () => {
    expect(legalFormOf('Acme Engineering Ltd')).toBe('ltd');
    expect(legalFormOf('Acme Engineering')).toBeNull();
  });
});
