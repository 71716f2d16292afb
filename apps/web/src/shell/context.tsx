import type { Role } from '@meridian/domain';
import { createContext, useContext } from 'react';
import type { HqApi, RegionApi } from '../api/clients.ts';
import type { DemoIdentity } from '../api/identity.ts';
import type { ResolvedOptions } from '../config.ts';

export interface Me {
  login: string;
  roles: Role[];
  region: string | null;
  /** Regions the SSO groups name: where this user's regional roles count (a lead signs only for these). */
  homeRegions: string[];
  timezone?: string;
  currency?: string;
}

export interface MeridianContextValue {
  options: ResolvedOptions;
  regionApi: RegionApi | null;
  hqApi: HqApi | null;
  me: Me | null;
  demoIdentity: DemoIdentity | null;
  setDemoIdentity(identity: DemoIdentity | null): void;
  locale: string;
  setLocale(locale: string): void;
  navigate(route: Route): void;
}

export type Route =
  | { name: 'record'; customerId?: string }
  | { name: 'openItems' }
  | { name: 'customers' }
  | { name: 'customer'; id: string }
  | { name: 'newCustomer' }
  | { name: 'team' }
  | { name: 'accounts' }
  | { name: 'account'; globalCode: string }
  | { name: 'review' }
  | { name: 'nodes' }
  | { name: 'analytics' }
  | { name: 'jointReviews' }
  | { name: 'jointReview'; id: string };

export const MeridianContext = createContext<MeridianContextValue | null>(null);

export function useMeridian(): MeridianContextValue {
  const value = useContext(MeridianContext);
  if (!value) throw new Error('useMeridian outside <MeridianContext>');
  return value;
}

export function useRegionApi(): RegionApi {
  const { regionApi } = useMeridian();
  if (!regionApi) throw new Error('this screen needs a region node (apiBase)');
  return regionApi;
}

export function useHqApi(): HqApi {
  const { hqApi } = useMeridian();
  if (!hqApi) throw new Error('this screen needs HQ (hqBase)');
  return hqApi;
}
