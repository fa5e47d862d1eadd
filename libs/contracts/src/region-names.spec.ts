import { placeNamesIn, regionInEnglish } from './region-names';

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

  it('uses the English names the server recorded, which romanise the city too', () => {
    const region = { country: '中国', province: '江苏省', city: '南京市', isp: '电信', en: { country: 'China', province: 'Jiangsu', city: 'Nanjing' } };
    expect(regionInEnglish(region)).toMatchObject({ country: 'China', province: 'Jiangsu', city: 'Nanjing', isp: '电信' });
    expect(placeNamesIn(region, 'en')).toEqual({ country: 'China', province: 'Jiangsu', city: 'Nanjing' });
    expect(placeNamesIn(region, 'zh-CN')).toEqual({ country: '中国', province: '江苏省', city: '南京市' });
  });

  it('knows conventional names without the server (a region recorded before it named them)', () => {
    expect(placeNamesIn({ country: '中国', province: '新疆', city: '乌鲁木齐市' }, 'en')).toEqual({ country: 'China', province: 'Xinjiang', city: 'Urumqi' });
    expect(placeNamesIn({ country: '美国', province: '加利福尼亚', city: '洛杉矶' }, 'en').city).toBe('Los Angeles');
  });
});
