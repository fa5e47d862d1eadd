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

export { regionInEnglish } from '@kefu/contracts';
