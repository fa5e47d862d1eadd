import { regionInEnglish } from './region-names';

describe('region names in English for English-speaking consoles (K1 visits, J5 regions)', () => {
  it('names the country and the province in English and keeps what it does not know', () => {
    expect(regionInEnglish({ country: '中国', province: '广东省', city: '深圳市', isp: '电信' })).toEqual({
      country: 'China',
      province: 'Guangdong',
      city: '深圳市',
      isp: '电信',
    });
    expect(regionInEnglish({ country: '0', province: '0', city: '内网IP', isp: '内网IP' })).toMatchObject({ city: 'Private network' });
  });
});
