/** Roles come from the intranet SSO groups (oauth2-proxy's X-Forwarded-Groups). */
export const roles = ['staff', 'lead', 'hq', 'admin'] as const;
export type Role = (typeof roles)[number];

const groupRoles: Record<string, Role> = {
  'crm-staff': 'staff',
  'crm-lead': 'lead',
  'crm-hq': 'hq',
  'crm-admin': 'admin',
};

/** Optional groups that pin a user to home regions, e.g. `crm-region-hk`. */
const regionGroupPrefix = 'crm-region-';

export interface Identity {
  login: string;
  email: string | null;
  roles: Role[];
  /** Regions the SSO says the user belongs to; empty means "the region of the node they signed in to". */
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
    const role = groupRoles[group];
    if (role) roleSet.add(role);
    if (group.startsWith(regionGroupPrefix)) homeRegions.push(group.slice(regionGroupPrefix.length));
  }
  return {
    login,
    email: headers.email?.trim() || null,
    roles: roles.filter((role) => roleSet.has(role)),
    homeRegions,
  };
}

/** A user works in a region when the SSO pins them to it, or pins them to no region at all. */
export function belongsToRegion(identity: Identity, region: string): boolean {
  return identity.homeRegions.length === 0 || identity.homeRegions.includes(region);
}
