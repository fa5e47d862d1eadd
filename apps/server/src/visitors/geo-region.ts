import IP2Region from 'ip2region';
import type { VisitRegion } from '@kefu/domain';
import { regionEnglish } from '@kefu/projections';

/** ip2region ships its database inside the npm package; it is loaded once per process (about 11 MB). */
let database: IP2Region | undefined;
const db = (): IP2Region => (database ??= new IP2Region());

/**
 * The region of an IP address with ip2region's Chinese names ('' where unknown) and the same place in
 * English (`en`, romanised here on the server). IPv4-mapped IPv6 (::ffff:1.2.3.4) is read as IPv4.
 */
export function regionOfIp(ip: string): VisitRegion {
  const region = chineseRegionOfIp(ip);
  return { ...region, en: regionEnglish(region) };
}

function chineseRegionOfIp(ip: string): VisitRegion {
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

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/i;

/**
 * The visitor's address as the HTTP side reads it (express `trust proxy: loopback`): X-Forwarded-For is
 * believed only from a proxy on this host, hop by hop from the right, so a reverse proxy in front of the
 * server does not make every visitor 内网IP and a visitor cannot choose their own region.
 */
export function clientAddress(remote: string, forwardedFor: string | string[] | undefined): string {
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .reverse();
  let address = remote;
  for (const hop of hops) {
    if (!LOOPBACK.test(address)) break;
    address = hop;
  }
  return address;
}

export { regionInEnglish } from '@kefu/contracts';
