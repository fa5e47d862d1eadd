import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@kefu/domain';
import type { ServerConfig } from '../config';
import { SERVER_CONFIG } from '../platform/tokens';

export interface VisitorClaims {
  orgId: string;
  siteId: string;
  visitorId: string;
  /** The browser already had a visitor id for this site (a returning visitor). */
  returning: boolean;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const TTL_SECONDS = 24 * 3600;

/** Visitor tokens: HMAC-SHA256 signed claims scoped to one site and one visitor id. */
@Injectable()
export class VisitorTokens {
  constructor(@Inject(SERVER_CONFIG) private readonly config: ServerConfig) {}

  sign(claims: Omit<VisitorClaims, 'exp'>, nowMs = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(nowMs / 1000) + TTL_SECONDS })).toString('base64url');
    return `v1.${body}.${this.mac(body)}`;
  }

  verify(token: unknown, nowMs = Date.now()): VisitorClaims {
    const refused = new DomainError('UNAUTHENTICATED', 'visitor token is missing, invalid or expired');
    if (typeof token !== 'string' || token.length > 1000) throw refused;
    const [version, body, mac] = token.split('.');
    if (version !== 'v1' || !body || !mac) throw refused;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refused;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as VisitorClaims;
    if (claims.exp * 1000 < nowMs) throw refused;
    return claims;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.config.secret).update(`visitor:${body}`).digest('base64url');
  }
}
