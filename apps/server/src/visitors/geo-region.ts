import IP2Region from 'ip2region';
import type { VisitRegion } from '@kefu/domain';

/** ip2region ships its database inside the npm package; it is loaded once per process (about 11 MB). */
let database: IP2Region | undefined;
const db = (): IP2Region => (database ??= new IP2Region());

/** The region of an IP address with ip2region's Chinese names; '' where unknown. IPv4-mapped IPv6 (::ffff:1.2.3.4) is read as IPv4. */
export function regionOfIp(ip: string): VisitRegion {
  const address = ip.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  if (address === '::1') return { country: '', province: '', city: '内网IP', isp: '内网IP' };
  try {
    const found = db().search(address);
    if (!found) return { country: '', province: '', city: '', isp: '' };
    return { country: found.country ?? '', province: found.province ?? '', city: found.city ?? '', isp: found.isp ?? '' };
  } catch {
    return { country: '', province: '', city: '', isp: '' };
  }
}

/** English names of China's 34 provincial divisions (ip2region gives Chinese only). */
const PROVINCES_EN: Record<string, string> = {
  北京市: 'Beijing',
  天津市: 'Tianjin',
  上海市: 'Shanghai',
  重庆市: 'Chongqing',
  河北省: 'Hebei',
  山西省: 'Shanxi',
  辽宁省: 'Liaoning',
  吉林省: 'Jilin',
  黑龙江省: 'Heilongjiang',
  江苏省: 'Jiangsu',
  浙江省: 'Zhejiang',
  安徽省: 'Anhui',
  福建省: 'Fujian',
  江西省: 'Jiangxi',
  山东省: 'Shandong',
  河南省: 'Henan',
  湖北省: 'Hubei',
  湖南省: 'Hunan',
  广东省: 'Guangdong',
  海南省: 'Hainan',
  四川省: 'Sichuan',
  贵州省: 'Guizhou',
  云南省: 'Yunnan',
  陕西省: 'Shaanxi',
  甘肃省: 'Gansu',
  青海省: 'Qinghai',
  台湾省: 'Taiwan',
  内蒙古自治区: 'Inner Mongolia',
  广西壮族自治区: 'Guangxi',
  西藏自治区: 'Tibet',
  宁夏回族自治区: 'Ningxia',
  新疆维吾尔自治区: 'Xinjiang',
  香港特别行政区: 'Hong Kong',
  澳门特别行政区: 'Macau',
};

/** Country names as ip2region writes them → ISO codes, for Intl.DisplayNames. */
const COUNTRY_CODES: Record<string, string> = {
  中国: 'CN',
  美国: 'US',
  日本: 'JP',
  韩国: 'KR',
  英国: 'GB',
  德国: 'DE',
  法国: 'FR',
  俄罗斯: 'RU',
  加拿大: 'CA',
  澳大利亚: 'AU',
  新加坡: 'SG',
  马来西亚: 'MY',
  印度: 'IN',
  泰国: 'TH',
  越南: 'VN',
  荷兰: 'NL',
  意大利: 'IT',
  西班牙: 'ES',
  巴西: 'BR',
  中国香港: 'HK',
  中国台湾: 'TW',
  中国澳门: 'MO',
};

/** English names for a region (countries through Intl.DisplayNames, provinces from our table; unknown names stay as they are). */
export function regionInEnglish(region: VisitRegion): VisitRegion {
  const code = COUNTRY_CODES[region.country];
  const country = code ? (new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? region.country) : region.country;
  const privateNet = region.city === '内网IP';
  return {
    country,
    province: PROVINCES_EN[region.province] ?? region.province,
    city: privateNet ? 'Private network' : region.city,
    isp: privateNet ? 'Private network' : region.isp,
  };
}
