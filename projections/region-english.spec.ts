import { regionEnglish, romanisePlace } from './region-english';

const cn = (province: string, city: string) => regionEnglish({ country: '中国', province, city });

describe('English names of visit regions, romanised on the server (K1 visits, J5 regions)', () => {
  it('romanises a Chinese city by its pinyin, without tones and with the apostrophe where syllables would run together', () => {
    expect(cn('江苏省', '南京市')).toEqual({ country: 'China', province: 'Jiangsu', city: 'Nanjing' });
    expect(cn('陕西省', '西安市').city).toBe("Xi'an");
    expect(cn('安徽省', '马鞍山市').city).toBe("Ma'anshan");
    expect(cn('山西省', '吕梁市').city).toBe('Lüliang');
    expect(cn('安徽省', '蚌埠市').city).toBe('Bengbu');
    expect(cn('湖南省', '长沙市').city).toBe('Changsha');
    expect(cn('贵州省', '黔东南').city).toBe('Qiandongnan');
  });

  it('uses the conventional English name where pinyin is not what English speakers write', () => {
    expect(cn('黑龙江省', '哈尔滨市').city).toBe('Harbin');
    expect(cn('内蒙古', '呼和浩特市').city).toBe('Hohhot');
    expect(cn('新疆', '乌鲁木齐市')).toEqual({ country: 'China', province: 'Xinjiang', city: 'Urumqi' });
    expect(cn('新疆', '喀什').city).toBe('Kashgar');
    expect(cn('西藏', '拉萨市')).toEqual({ country: 'China', province: 'Tibet', city: 'Lhasa' });
    expect(cn('台湾省', '台北')).toEqual({ country: 'China', province: 'Taiwan', city: 'Taipei' });
    expect(cn('台湾省', '高雄').city).toBe('Kaohsiung');
    expect(cn('香港', '')).toEqual({ country: 'China', province: 'Hong Kong', city: '' });
    expect(cn('澳门', '').province).toBe('Macau');
  });

  it('names the municipalities ip2region writes without their suffix', () => {
    expect(cn('上海', '上海市')).toEqual({ country: 'China', province: 'Shanghai', city: 'Shanghai' });
    expect(cn('北京', '北京市')).toEqual({ country: 'China', province: 'Beijing', city: 'Beijing' });
  });

  it('names the most common cities abroad from the table, and keeps the Chinese name of one it does not know', () => {
    expect(regionEnglish({ country: '美国', province: '加利福尼亚', city: '洛杉矶' })).toEqual({
      country: 'United States',
      province: 'California',
      city: 'Los Angeles',
    });
    expect(regionEnglish({ country: '日本', province: '东京都', city: '东京' })).toEqual({ country: 'Japan', province: 'Tokyo', city: 'Tokyo' });
    expect(regionEnglish({ country: '巴西', province: '圣保罗', city: '圣保罗' }).city).toBe('São Paulo');
    expect(regionEnglish({ country: '美国', province: '明尼苏达', city: '圣保罗' }).city).toBe('Saint Paul');
    // Not romanised: pinyin of a transliterated foreign name would be neither Chinese nor English.
    expect(regionEnglish({ country: '美国', province: '', city: '帕罗奥多' }).city).toBe('帕罗奥多');
    expect(regionEnglish({ country: '德国', province: 'Sachsen', city: '' }).province).toBe('Sachsen');
  });

  it('says private network for 内网IP and leaves unknown parts empty', () => {
    expect(regionEnglish({ country: '', province: '', city: '内网IP' })).toEqual({ country: '', province: '', city: 'Private network' });
    expect(regionEnglish({ country: '', province: '', city: '' })).toEqual({ country: '', province: '', city: '' });
  });

  it('gives the same answer every time (projections compute it for visits recorded before it existed)', () => {
    expect(romanisePlace('南京')).toBe('Nanjing');
    const first = cn('江苏省', '南京市');
    first.city = 'changed by a caller';
    expect(cn('江苏省', '南京市').city).toBe('Nanjing');
  });
});
