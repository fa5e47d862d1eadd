import type { RegionView } from './reports';

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

/**
 * English names for a region as ip2region gives it in Chinese: countries through Intl.DisplayNames,
 * the 34 Chinese provinces from our own table; names not known here stay as they are. Shared by the
 * server and the UIs (pure, no Node or Angular), so an English-speaking console shows "Jiangsu, Nanjing".
 */
export function regionInEnglish<R extends RegionView>(region: R): R {
  const code = COUNTRY_CODES[region.country];
  const country = code ? (new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? region.country) : region.country;
  const privateNet = region.city === '内网IP';
  return {
    ...region,
    country,
    province: PROVINCES_EN[region.province] ?? region.province,
    city: privateNet ? 'Private network' : region.city,
    isp: privateNet ? 'Private network' : region.isp,
  };
}
