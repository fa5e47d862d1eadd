import { FormControl } from '@angular/forms';
import { charCount, isPhone, maxChars, normaliseHost } from './forms';

describe('console form rules match the server (A2 D1 G4)', () => {
  it('counts characters as the server does: an emoji is one, spaces around are trimmed', () => {
    expect(charCount('演示商城')).toBe(4);
    expect(charCount('😀😀')).toBe(2);
    expect(maxChars(20)(new FormControl(`  ${'客'.repeat(20)}  `))).toBeNull();
    expect(maxChars(20)(new FormControl('客'.repeat(21)))).toEqual({ maxChars: { max: 20, actual: 21 } });
  });

  it('accepts mainland mobiles and international numbers, as libs/domain normalisePhone does', () => {
    expect(isPhone('138 0013 8000')).toBe(true);
    expect(isPhone('+86 138-0013-8000')).toBe(true);
    expect(isPhone('+852 9123 4567')).toBe(true);
    expect(isPhone('12345')).toBe(false);
    expect(isPhone('010-1234')).toBe(false);
  });

  it('turns what people paste into the host name the widget checks', () => {
    expect(normaliseHost('https://M.Shop.test/path?q=1')).toBe('m.shop.test');
    expect(normaliseHost('*.shop.test')).toBe('shop.test');
    expect(normaliseHost('localhost:4200')).toBe('localhost');
    expect(normaliseHost('not a domain')).toBeNull();
  });
});
