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
  if (!fromTrustedProxy(headers, trust)) return null;
  return identityFromHeaders({
    user: headers.get('x-forwarded-user'),
    email: headers.get('x-forwarded-email'),
    groups: headers.get('x-forwarded-groups'),
  });
}

function fromTrustedProxy(headers: Headers, trust: ProxyTrust): boolean {
  const secret = headers.get('x-meridian-proxy-secret');
  return trust.demoMode || (trust.proxySecret !== null && secret !== null && sameSecret(secret, trust.proxySecret));
}

/**
 * The client address the proxy reports, for audit trails. X-Forwarded-For is anyone's to write, so it
 * counts only on a request that provably passed the proxy, and then only its last entry: the proxy
 * appends the address it saw to whatever the client sent, so earlier entries are the client's own
 * claims. Null otherwise: unknown, never guessed.
 */
export function requestOrigin(headers: Headers, trust: ProxyTrust): string | null {
  if (!fromTrustedProxy(headers, trust)) return null;
  const last = headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  // An address is short and plain; anything else is not an address and is not recorded as one.
  return last && /^[0-9A-Za-z.:[\]%_-]{1,100}$/.test(last) ? last : null;
}
