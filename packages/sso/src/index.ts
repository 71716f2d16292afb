import { timingSafeEqual } from 'node:crypto';
import { identityFromHeaders, type Identity } from '@meridian/domain';

/** How a server decides whether to believe the intranet SSO proxy's identity headers. */
export interface ProxyTrust {
  /** Demo mode trusts identity headers from anyone: never on a real intranet. */
  demoMode: boolean;
  /** Shared secret the intranet's SSO proxy adds (X-Meridian-Proxy-Secret); identity headers need it. */
  proxySecret: string | null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Identity headers count only when the request provably passed the SSO proxy (or in demo mode). */
export function identityFromRequest(headers: Headers, trust: ProxyTrust): Identity | null {
  const secret = headers.get('x-meridian-proxy-secret');
  const trusted = trust.demoMode || (trust.proxySecret !== null && secret !== null && sameSecret(secret, trust.proxySecret));
  if (!trusted) return null;
  return identityFromHeaders({
    user: headers.get('x-forwarded-user'),
    email: headers.get('x-forwarded-email'),
    groups: headers.get('x-forwarded-groups'),
  });
}

/** The client address the proxy reports, for audit trails. */
export function requestOrigin(headers: Headers): string | null {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
}
