import { clientAddress, regionInEnglish, regionOfIp } from './geo-region';
import { deviceOf } from './user-agent';

describe('regionOfIp (G10, K1: ip2region with its bundled data)', () => {
  it('finds a Chinese province and city, with their English names', () =>
    expect(regionOfIp('114.114.114.114')).toMatchObject({
      country: '中国',
      province: '江苏省',
      city: '南京市',
      en: { country: 'China', province: 'Jiangsu', city: 'Nanjing' },
    }));
  it('finds a foreign country', () => expect(regionOfIp('8.8.8.8').country).toBe('美国'));
  it('reads IPv6 and IPv4-mapped IPv6 addresses', () => {
    expect(regionOfIp('240e:47d:c20:1627:30a3:ba0d:a5e6:ec19')).toMatchObject({ country: '中国', province: '广东省' });
    expect(regionOfIp('::ffff:114.114.114.114')).toMatchObject({ province: '江苏省' });
  });
  it('marks private and loopback addresses 内网IP', () => {
    expect(regionOfIp('192.168.1.20')).toMatchObject({ city: '内网IP' });
    expect(regionOfIp('127.0.0.1')).toMatchObject({ city: '内网IP' });
    expect(regionOfIp('::1')).toMatchObject({ city: '内网IP' });
  });
  it('answers unknown for garbage', () =>
    expect(regionOfIp('not-an-ip')).toEqual({ country: '', province: '', city: '', isp: '', en: { country: '', province: '', city: '' } }));
  it('gives English names', () => {
    expect(regionInEnglish({ country: '中国', province: '江苏省', city: '南京市', isp: '联通' })).toMatchObject({ country: 'China', province: 'Jiangsu' });
    expect(regionInEnglish({ country: '中国', province: '内蒙古自治区', city: '', isp: '' }).province).toBe('Inner Mongolia');
    expect(regionInEnglish({ country: '美国', province: '', city: '', isp: '' }).country).toBe('United States');
  });
});

describe('clientAddress (K1: the region is looked up for the visitor, not for a proxy on this host)', () => {
  it('believes X-Forwarded-For only from a loopback proxy, hop by hop from the right', () => {
    expect(clientAddress('127.0.0.1', '218.94.1.1')).toBe('218.94.1.1');
    expect(clientAddress('::ffff:127.0.0.1', '9.9.9.9, 218.94.1.1, 127.0.0.1')).toBe('218.94.1.1');
    expect(clientAddress('203.0.113.7', '218.94.1.1')).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', undefined)).toBe('127.0.0.1');
  });
});

describe('deviceOf (K1 device and browser)', () => {
  it('reads WeChat on an iPhone', () =>
    expect(
      deviceOf(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x1800282a) NetType/WIFI Language/zh_CN',
      ),
    ).toEqual({ type: 'mobile', os: 'iOS 17.0', browser: 'WeChat 8' }));
  it('reads Chrome on Windows as a desktop', () =>
    expect(deviceOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36')).toEqual({
      type: 'desktop',
      os: 'Windows 10',
      browser: 'Chrome 124',
    }));
  it('reads an iPad as a tablet', () =>
    expect(
      deviceOf('Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1').type,
    ).toBe('tablet'));
  it('reads Huawei Browser on Android as mobile', () =>
    expect(
      deviceOf(
        'Mozilla/5.0 (Linux; Android 10; HarmonyOS; ELS-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/13.0.5.303 Mobile Safari/537.36',
      ),
    ).toMatchObject({ type: 'mobile', browser: expect.stringContaining('Huawei') }));
  it('answers other for an empty header', () => expect(deviceOf('')).toEqual({ type: 'other', os: '', browser: '' }));
});
