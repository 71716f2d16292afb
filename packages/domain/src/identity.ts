/** Roles come from the intranet SSO groups (oauth2-proxy's X-Forwarded-Groups). */
export const roles = ['staff', 'lead', 'hq', 'admin'] as const;
export type Role = (typeof roles)[number];

// A Map: group names come from the proxy header, and a group called "constructor" is not a role.
const groupRoles = new Map<string, Role>([
  ['crm-staff', 'staff'],
  ['crm-lead', 'lead'],
  ['crm-hq', 'hq'],
  ['crm-admin', 'admin'],
]);

/** Groups that name the regions a user works in, e.g. `crm-region-hk`; region roles count only there. */
const regionGroupPrefix = 'crm-region-';

export interface Identity {
  login: string;
  email: string | null;
  roles: Role[];
  /** Regions the SSO names for the user (`crm-region-<code>`); empty means no region at all, never "any". */
  homeRegions: string[];
}

export interface IdentityHeaders {
  user?: string | null;
  email?: string | null;
  groups?: string | null;
}

/** null when the request carries no user at all (UNAUTHORIZED); roles may be empty (FORBIDDEN). */
export function identityFromHeaders(headers: IdentityHeaders): Identity | null {
  const login = headers.user?.trim();
  if (!login) return null;
  const groups = (headers.groups ?? '')
    .split(',')
    .map((group) => group.trim().toLowerCase())
    .filter(Boolean);
  const roleSet = new Set<Role>();
  const homeRegions: string[] = [];
  for (const group of groups) {
    const role = groupRoles.get(group);
    if (role) roleSet.add(role);
    const region = group.startsWith(regionGroupPrefix) ? group.slice(regionGroupPrefix.length) : '';
    if (region && !homeRegions.includes(region)) homeRegions.push(region);
  }
  return {
    login,
    email: headers.email?.trim() || null,
    roles: roles.filter((role) => roleSet.has(role)),
    homeRegions,
  };
}

/**
 * A user works in a region only when the SSO names it. Deny by default: a user with no region group
 * works nowhere, because which node someone reached says nothing about where they work (a Hong Kong
 * lead can open the UK node's address just as easily).
 */
export function belongsToRegion(identity: Identity, region: string): boolean {
  return identity.homeRegions.includes(region);
}

/** A lead of a region: the `crm-lead` role and that region named by the SSO. */
export function leadsRegion(identity: Identity, region: string): boolean {
  return identity.roles.includes('lead') && belongsToRegion(identity, region);
}
