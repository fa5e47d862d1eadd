import { englishRegionNames, type RegionEnglishView } from '@kefu/contracts';

/** A syllable starting with a, o or e after another one takes an apostrophe (Xi'an, not Xian = 先). */
const joinSyllables = (syllables: readonly string[]): string => syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');

/**
 * Hanyu Pinyin of a Chinese place name without tones, as one capitalised word: 南京 → Nanjing,
 * 西安 → Xi'an, 吕梁 → Lüliang. Server side only: pinyin-pro's dictionary is too large for a browser bundle.
 */
export function romanisePlace(chinese: string): string {
  // Loaded on the first name that needs it (~25 MB of dictionary): a server whose visitors are all on the
  // private network or named by the tables never loads it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { pinyin } = require('pinyin-pro') as typeof import('pinyin-pro');
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).filter((s) => s.trim() !== '');
  const word = joinSyllables(syllables.map((s) => s.toLowerCase()));
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The English names of a region (K1 visits, J5): the tables of libs/contracts first, pinyin for the Chinese
 * cities they do not list. Deterministic, so a projection computes the same for a visit recorded before
 * VisitStarted carried `region.en`.
 */
export function regionEnglish(region: { country: string; province: string; city: string }): RegionEnglishView {
  const key = `${region.country}|${region.province}|${region.city}`;
  let names = known.get(key);
  if (!names) {
    names = Object.freeze(englishRegionNames(region, romanisePlace));
    // ip2region knows a few thousand places; the bound only guards against odd input.
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, names);
  }
  return { ...names };
}

/** A rebuild meets the same few places again and again: romanised once per process. */
const known = new Map<string, RegionEnglishView>();
const KNOWN_MAX = 20_000;
