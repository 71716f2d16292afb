import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createHqApi, createRegionApi } from '../api/clients.ts';
import { loadDemoIdentity, saveDemoIdentity, type DemoIdentity } from '../api/identity.ts';
import type { ResolvedOptions } from '../config.ts';
import { rememberLocale, supportedLocales, switchLocale, textDirection } from '../i18n/setup.ts';
import { StatusView } from '../ui/StatusView.tsx';
import { MeridianContext, type Me, type MeridianContextValue, type Route } from './context.tsx';
import { DemoPicker } from './DemoPicker.tsx';
import { defaultRoute, Nav } from './Nav.tsx';
import { pathOf, routeFromPath } from './routes.ts';
import { RecordContact } from '../features/record/RecordContact.tsx';

// The staff entry screen loads first and alone; everything else comes when someone opens it.
const OpenItems = lazy(() => import('../features/openItems/OpenItems.tsx'));
const Customers = lazy(() => import('../features/customers/Customers.tsx'));
const CustomerPage = lazy(() => import('../features/customers/CustomerPage.tsx'));
const NewCustomer = lazy(() => import('../features/customers/NewCustomer.tsx'));
const TeamView = lazy(() => import('../features/lead/TeamView.tsx'));
const Accounts = lazy(() => import('../features/hq/Accounts.tsx'));
const Account360 = lazy(() => import('../features/hq/Account360.tsx'));
const ReviewQueue = lazy(() => import('../features/hq/ReviewQueue.tsx'));
const Nodes = lazy(() => import('../features/admin/Nodes.tsx'));
const Reviews = lazy(() => import('../features/reviews/Reviews.tsx'));
const Analytics = lazy(() => import('../features/analytics/Analytics.tsx'));
const ReviewPage = lazy(() => import('../features/reviews/ReviewPage.tsx'));

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'record':
      return <RecordContact key={route.customerId ?? ''} initialCustomerId={route.customerId} />;
    case 'openItems':
      return <OpenItems />;
    case 'customers':
      return <Customers />;
    case 'customer':
      return <CustomerPage id={route.id} />;
    case 'newCustomer':
      return <NewCustomer />;
    case 'team':
      return <TeamView />;
    case 'accounts':
      return <Accounts />;
    case 'account':
      return <Account360 globalCode={route.globalCode} />;
    case 'review':
      return <ReviewQueue />;
    case 'nodes':
      return <Nodes />;
    case 'analytics':
      return <Analytics />;
    case 'jointReviews':
      return <Reviews />;
    case 'jointReview':
      return <ReviewPage id={route.id} />;
  }
}

function useIdentity(value: Omit<MeridianContextValue, 'me' | 'navigate'>): { me: Me | null; loading: boolean; error: unknown } {
  const key = value.demoIdentity ? `${value.demoIdentity.login}|${value.demoIdentity.groups.join(',')}` : 'sso';
  const query = useQuery({
    queryKey: ['me', key],
    retry: false,
    queryFn: async (): Promise<Me> => {
      if (value.regionApi) {
        const me = await value.regionApi.me.query();
        return { login: me.login, roles: me.roles, region: me.region, homeRegions: me.homeRegions, timezone: me.timezone, currency: me.currency };
      }
      const me = await value.hqApi!.me.query();
      return { login: me.login, roles: me.roles, region: null, homeRegions: me.homeRegions };
    },
  });
  return { me: query.data ?? null, loading: query.isLoading, error: query.error };
}

function Shell({ options, i18n }: { options: ResolvedOptions; i18n: I18n }) {
  const { t } = useTranslation();
  const [demoIdentity, setDemoIdentityState] = useState<DemoIdentity | null>(() => (options.demo ? loadDemoIdentity() : null));
  const [locale, setLocaleState] = useState(i18n.language);
  const [route, setRoute] = useState<Route | null>(() => routeFromPath(location.pathname, options.basePath));
  // The tRPC clients read the identity at request time, so switching demo user needs no new client.
  const identityRef = useRef(demoIdentity);
  identityRef.current = demoIdentity;
  const regionApi = useMemo(() => (options.apiBase ? createRegionApi(options.apiBase, () => identityRef.current) : null), [options.apiBase, identityRef]);
  const hqApi = useMemo(() => (options.hqBase ? createHqApi(options.hqBase, () => identityRef.current) : null), [options.hqBase, identityRef]);

  const setDemoIdentity = useCallback((identity: DemoIdentity | null) => {
    saveDemoIdentity(identity);
    setDemoIdentityState(identity);
    setRoute(null);
  }, []);
  const setLocale = useCallback(
    (next: string) => {
      rememberLocale(next);
      void switchLocale(i18n, next).then(() => setLocaleState(i18n.language));
    },
    [i18n],
  );
  const navigate = useCallback(
    (next: Route) => {
      history.pushState(null, '', pathOf(next, options.basePath));
      setRoute(next);
    },
    [options.basePath],
  );
  useEffect(() => {
    const onPop = () => setRoute(routeFromPath(location.pathname, options.basePath));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [options.basePath]);

  const base = { options, regionApi, hqApi, demoIdentity, setDemoIdentity, locale, setLocale };
  const { me, loading, error } = useIdentity(base);
  const current = route ?? (me ? defaultRoute(me.roles, Boolean(regionApi), Boolean(hqApi)) : { name: 'customers' as const });
  const value: MeridianContextValue = { ...base, me, navigate };
  const dir = options.direction ?? textDirection(locale);

  return (
    <MeridianContext.Provider value={value}>
      <div className={`meridian meridian--${options.theme}`} lang={locale} dir={dir}>
        <header className="topbar">
          <span className="brand">{t('app.name')}</span>
          {me ? <span className="whoami">{t('app.signedIn', { login: me.login, region: me.region?.toUpperCase() ?? 'HQ' })}</span> : null}
          <label className="locale-picker">
            <span className="visually-hidden">{t('app.language')}</span>
            <select value={locale} onChange={(event) => setLocale(event.target.value)} aria-label={t('app.language')}>
              {supportedLocales.map((code) => (
                <option key={code} value={code} lang={code}>
                  {new Intl.DisplayNames([code], { type: 'language' }).of(code)}
                </option>
              ))}
            </select>
          </label>
          {options.demo ? <DemoPicker /> : null}
        </header>
        {me ? <Nav current={current} /> : null}
        <main className="screen">
          {loading ? (
            <StatusView loading />
          ) : !me ? (
            <div className="status status--empty" role="status">
              <p>{options.demo ? t('app.pickDemoUser') : t('app.notSignedIn')}</p>
              {error && !options.demo ? <StatusView error={error} /> : null}
            </div>
          ) : (
            <Suspense fallback={<StatusView loading />}>
              <Screen route={current} />
            </Suspense>
          )}
        </main>
      </div>
    </MeridianContext.Provider>
  );
}

export function App({ options, i18n }: { options: ResolvedOptions; i18n: I18n }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <Shell options={options} i18n={i18n} />
      </I18nextProvider>
    </QueryClientProvider>
  );
}
