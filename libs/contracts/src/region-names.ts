import type { RegionEnglishView, RegionView } from './reports';

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
  // ip2region writes the municipalities and autonomous regions without their suffix.
  北京: 'Beijing',
  天津: 'Tianjin',
  上海: 'Shanghai',
  重庆: 'Chongqing',
  台湾: 'Taiwan',
  内蒙古: 'Inner Mongolia',
  广西: 'Guangxi',
  西藏: 'Tibet',
  宁夏: 'Ningxia',
  新疆: 'Xinjiang',
  香港: 'Hong Kong',
  澳门: 'Macau',
};

/** Country names as ip2region writes them → ISO codes, for Intl.DisplayNames (the most frequent in its data). */
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
  印度尼西亚: 'ID',
  菲律宾: 'PH',
  捷克: 'CZ',
  土耳其: 'TR',
  爱尔兰: 'IE',
  罗马尼亚: 'RO',
  匈牙利: 'HU',
  瑞士: 'CH',
  哥伦比亚: 'CO',
  新西兰: 'NZ',
  阿根廷: 'AR',
  挪威: 'NO',
  保加利亚: 'BG',
  南非: 'ZA',
  波兰: 'PL',
  芬兰: 'FI',
  葡萄牙: 'PT',
  瑞典: 'SE',
  丹麦: 'DK',
  比利时: 'BE',
  奥地利: 'AT',
  阿联酋: 'AE',
  希腊: 'GR',
  墨西哥: 'MX',
  乌克兰: 'UA',
  以色列: 'IL',
  沙特阿拉伯: 'SA',
  巴基斯坦: 'PK',
  孟加拉: 'BD',
  柬埔寨: 'KH',
  缅甸: 'MM',
  老挝: 'LA',
  蒙古: 'MN',
  哈萨克斯坦: 'KZ',
  中国香港: 'HK',
  中国台湾: 'TW',
  中国澳门: 'MO',
};
/** Not countries, but ip2region answers them in the country field. */
const AREAS_EN: Record<string, string> = { 欧洲: 'Europe', 亚洲: 'Asia', 北美洲: 'North America', 非洲: 'Africa' };

/**
 * Chinese cities whose conventional English name is not their Hanyu Pinyin (or whose pinyin a machine
 * reads wrongly): minority-language names, the Wade–Giles names of Taiwan, the Cantonese of Hong Kong.
 */
export const CHINESE_CITIES_EN: Readonly<Record<string, string>> = {
  哈尔滨: 'Harbin',
  呼和浩特: 'Hohhot',
  乌鲁木齐: 'Urumqi',
  拉萨: 'Lhasa',
  喀什: 'Kashgar',
  日喀则: 'Shigatse',
  林芝: 'Nyingchi',
  昌都: 'Qamdo',
  那曲: 'Nagqu',
  阿里: 'Ngari',
  果洛: 'Golog',
  伊犁: 'Ili',
  和田: 'Hotan',
  吐鲁番: 'Turpan',
  克拉玛依: 'Karamay',
  阿克苏: 'Aksu',
  阿勒泰: 'Altay',
  博尔塔拉: 'Bortala',
  巴音郭楞: 'Bayingolin',
  克孜勒苏: 'Kizilsu',
  甘孜: 'Garzê',
  阿坝: 'Ngawa',
  鄂尔多斯: 'Ordos',
  呼伦贝尔: 'Hulunbuir',
  巴彦淖尔: 'Bayannur',
  乌兰察布: 'Ulanqab',
  锡林郭勒: 'Xilingol',
  阿拉善: 'Alxa',
  兴安: 'Hinggan',
  大兴安岭: 'Greater Khingan',
  香港: 'Hong Kong',
  澳门: 'Macau',
  沙田: 'Sha Tin',
  荃湾: 'Tsuen Wan',
  九龙: 'Kowloon',
  台北: 'Taipei',
  新北: 'New Taipei',
  台中: 'Taichung',
  台南: 'Tainan',
  高雄: 'Kaohsiung',
  基隆: 'Keelung',
  新竹: 'Hsinchu',
  桃园: 'Taoyuan',
  嘉义: 'Chiayi',
  彰化: 'Changhua',
  屏东: 'Pingtung',
  宜兰: 'Yilan',
  花莲: 'Hualien',
  台东: 'Taitung',
  苗栗: 'Miaoli',
  南投: 'Nantou',
  云林: 'Yunlin',
  澎湖: 'Penghu',
  金门: 'Kinmen',
};

/**
 * Places abroad as ip2region writes them in Chinese (the most frequent cities and states in its data);
 * `country/name` where one Chinese name means two places.
 */
export const FOREIGN_PLACES_EN: Readonly<Record<string, string>> = {
  伦敦: 'London',
  法兰克福: 'Frankfurt',
  东京: 'Tokyo',
  东京都: 'Tokyo',
  大阪: 'Osaka',
  大阪府: 'Osaka',
  京都: 'Kyoto',
  孟买: 'Mumbai',
  阿姆斯特丹: 'Amsterdam',
  阿什本: 'Ashburn',
  悉尼: 'Sydney',
  纽约: 'New York',
  莫斯科: 'Moscow',
  达拉斯: 'Dallas',
  圣何塞: 'San Jose',
  迈阿密: 'Miami',
  芝加哥: 'Chicago',
  雅加达: 'Jakarta',
  大雅加达: 'Jakarta',
  西雅图: 'Seattle',
  德里: 'Delhi',
  新德里: 'New Delhi',
  亚特兰大: 'Atlanta',
  班加罗尔: 'Bengaluru',
  米兰: 'Milan',
  钦奈: 'Chennai',
  马德里: 'Madrid',
  首尔: 'Seoul',
  休斯顿: 'Houston',
  丹佛: 'Denver',
  多伦多: 'Toronto',
  墨尔本: 'Melbourne',
  波士顿: 'Boston',
  浦那: 'Pune',
  洛杉矶: 'Los Angeles',
  曼谷: 'Bangkok',
  海得拉巴: 'Hyderabad',
  蒙特利尔: 'Montreal',
  圣克拉拉: 'Santa Clara',
  旧金山: 'San Francisco',
  马尼拉: 'Manila',
  凤凰城: 'Phoenix',
  加尔各答: 'Kolkata',
  圣保罗: 'São Paulo',
  '美国/圣保罗': 'Saint Paul',
  布拉格: 'Prague',
  圣彼得堡: 'Saint Petersburg',
  华盛顿特区: 'Washington, D.C.',
  迪拜: 'Dubai',
  温哥华: 'Vancouver',
  费城: 'Philadelphia',
  拉斯维加斯: 'Las Vegas',
  胡志明: 'Ho Chi Minh City',
  河内: 'Hanoi',
  吉隆坡: 'Kuala Lumpur',
  巴黎: 'Paris',
  柏林: 'Berlin',
  斯德哥尔摩: 'Stockholm',
  华沙: 'Warsaw',
  布加勒斯特: 'Bucharest',
  约翰内斯堡: 'Johannesburg',
  珀斯: 'Perth',
  布里斯班: 'Brisbane',
  阿德莱德: 'Adelaide',
  堪培拉: 'Canberra',
  奥克兰: 'Oakland',
  '新西兰/奥克兰': 'Auckland',
  卡尔加里: 'Calgary',
  檀香山: 'Honolulu',
  奥斯汀: 'Austin',
  // States and provinces
  加利福尼亚: 'California',
  德克萨斯: 'Texas',
  弗吉尼亚: 'Virginia',
  华盛顿: 'Washington',
  伊利诺伊: 'Illinois',
  佛罗里达: 'Florida',
  科罗拉多: 'Colorado',
  佐治亚: 'Georgia',
  俄亥俄: 'Ohio',
  新泽西: 'New Jersey',
  马萨诸塞: 'Massachusetts',
  宾夕法尼亚: 'Pennsylvania',
  北卡罗来纳: 'North Carolina',
  明尼苏达: 'Minnesota',
  密苏里: 'Missouri',
  密歇根: 'Michigan',
  田纳西: 'Tennessee',
  亚利桑那: 'Arizona',
  俄勒冈: 'Oregon',
  内华达: 'Nevada',
  安大略: 'Ontario',
  魁北克: 'Quebec',
  不列颠哥伦比亚: 'British Columbia',
  新南威尔士: 'New South Wales',
  维多利亚: 'Victoria',
  昆士兰: 'Queensland',
  马哈拉施特拉: 'Maharashtra',
  北方邦: 'Uttar Pradesh',
  卡纳塔克: 'Karnataka',
  泰米尔纳德: 'Tamil Nadu',
};

const PRIVATE_NETWORK = '内网IP';
const CITY_SUFFIX = /(特别行政区|自治州|地区|林区|市|盟|县|区)$/u;
const hasHan = (name: string) => /\p{Script=Han}/u.test(name);
const displayNames = (() => {
  let names: Intl.DisplayNames | undefined;
  return () => (names ??= new Intl.DisplayNames(['en'], { type: 'region' }));
})();

function countryInEnglish(country: string): string {
  const code = COUNTRY_CODES[country];
  return code ? (displayNames().of(code) ?? country) : (AREAS_EN[country] ?? country);
}

/** A place abroad in English from the table, or as ip2region gave it (a Latin name is already English). */
function foreignPlace(country: string, name: string): string {
  return FOREIGN_PLACES_EN[`${country}/${name}`] ?? FOREIGN_PLACES_EN[name] ?? name;
}

/**
 * The English names of a region as ip2region gives it in Chinese: countries through Intl.DisplayNames,
 * China's provinces and the conventional names of its cities and of the most frequent places abroad from
 * our tables; a Chinese city not in them through `romanise` (the server passes a pinyin romaniser, which
 * stays out of the browser bundles); whatever is left stays as ip2region wrote it. Pure and deterministic,
 * so a projection may compute it for visits recorded before it existed.
 */
export function englishRegionNames(region: { country: string; province: string; city: string }, romanise?: (chineseName: string) => string): RegionEnglishView {
  const { country, province, city } = region;
  const chinese = country === '中国' || country === '' || PROVINCES_EN[province] !== undefined;
  const cityName = (): string => {
    if (!city || city === '0') return city;
    if (city === PRIVATE_NETWORK) return 'Private network';
    if (!chinese) return foreignPlace(country, city);
    const base = city.replace(CITY_SUFFIX, '');
    const known = CHINESE_CITIES_EN[city] ?? CHINESE_CITIES_EN[base] ?? PROVINCES_EN[city];
    if (known) return known;
    return romanise && hasHan(base) ? romanise(base) || city : city;
  };
  return {
    country: countryInEnglish(country),
    province: PROVINCES_EN[province] ?? (chinese ? province : foreignPlace(country, province)),
    city: cityName(),
  };
}

/**
 * A region with its names in English: those the server recorded (`en`) when it has them, else what the
 * tables above know (no romanisation in a browser); names not known stay as they are. Shared by the
 * server and the UIs (pure, no Node or Angular), so an English-speaking console shows "Jiangsu, Nanjing".
 */
export function regionInEnglish<R extends RegionView>(region: R): R {
  const en = region.en ?? englishRegionNames(region);
  const privateNet = region.city === PRIVATE_NETWORK;
  return { ...region, country: en.country, province: en.province, city: en.city, isp: privateNet ? 'Private network' : region.isp };
}

/** A place (a region, a J5 row) as a console speaking `lang` names it: English for `en`, ip2region's Chinese otherwise. */
export function placeNamesIn(place: { country: string; province: string; city: string; en?: RegionEnglishView }, lang: string | undefined): RegionEnglishView {
  if (lang === 'en') return place.en ?? englishRegionNames(place);
  return { country: place.country, province: place.province, city: place.city };
}
