/** In demo mode the browser plays the SSO proxy: it sends the identity the user picked. */
export interface DemoIdentity {
  login: string;
  groups: string[];
}

const storageKey = 'meridian.demoIdentity';

export function loadDemoIdentity(): DemoIdentity | null {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as DemoIdentity | null;
    return stored && typeof stored.login === 'string' && Array.isArray(stored.groups) ? stored : null;
  } catch {
    return null;
  }
}

export function saveDemoIdentity(identity: DemoIdentity | null): void {
  if (identity) localStorage.setItem(storageKey, JSON.stringify(identity));
  else localStorage.removeItem(storageKey);
}

export function identityHeaders(identity: DemoIdentity | null): Record<string, string> {
  return identity ? { 'x-forwarded-user': identity.login, 'x-forwarded-groups': identity.groups.join(',') } : {};
}
