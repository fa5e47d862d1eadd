/**
 * Mainland provinces, municipalities, autonomous regions and SARs, spelt exactly as ip2region gives
 * them (G10 matches the visitor's region by string): municipalities and autonomous regions come
 * without 市 / 自治区, provinces with 省.
 */
export const PROVINCES: readonly string[] = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北省',
  '山西省',
  '辽宁省',
  '吉林省',
  '黑龙江省',
  '江苏省',
  '浙江省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '海南省',
  '四川省',
  '贵州省',
  '云南省',
  '陕西省',
  '甘肃省',
  '青海省',
  '台湾省',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
];

/** Cities typed by the admin, separated by commas, 、 or spaces; ip2region names cities with 市 (南京市). */
export function parseCities(text: string): string[] {
  const cities = text
    .split(/[,，、;；\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  return [...new Set(cities)];
}
