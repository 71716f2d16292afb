import { useTranslation } from 'react-i18next';
import { useMeridian, type Route } from './context.tsx';
import { pathOf } from './routes.ts';

interface NavItem {
  route: Route;
  labelKey: string;
  visible: boolean;
}

/** What each role works on; everything else is simply not offered. */
export function Nav({ current }: { current: Route }) {
  const { t } = useTranslation();
  const { me, regionApi, hqApi, navigate, options } = useMeridian();
  const roles = new Set(me?.roles ?? []);
  const regional = Boolean(regionApi) && (roles.has('staff') || roles.has('lead'));
  const items: NavItem[] = [
    { route: { name: 'record' }, labelKey: 'nav.record', visible: regional },
    { route: { name: 'openItems' }, labelKey: 'nav.openItems', visible: regional },
    { route: { name: 'customers' }, labelKey: 'nav.customers', visible: regional || (Boolean(regionApi) && (roles.has('hq') || roles.has('admin'))) },
    { route: { name: 'newCustomer' }, labelKey: 'nav.newCustomer', visible: regional },
    { route: { name: 'team' }, labelKey: 'nav.team', visible: Boolean(regionApi) && roles.has('lead') },
    { route: { name: 'accounts' }, labelKey: 'nav.accounts', visible: Boolean(hqApi) && (roles.has('hq') || roles.has('admin') || roles.has('lead')) },
    { route: { name: 'review' }, labelKey: 'nav.review', visible: Boolean(hqApi) && (roles.has('hq') || roles.has('admin')) },
    { route: { name: 'analytics' }, labelKey: 'nav.analytics', visible: Boolean(hqApi) && (roles.has('lead') || roles.has('hq') || roles.has('admin')) },
    { route: { name: 'jointReviews' }, labelKey: 'nav.reviews', visible: Boolean(hqApi) && (roles.has('lead') || roles.has('hq') || roles.has('admin')) },
    { route: { name: 'nodes' }, labelKey: 'nav.nodes', visible: Boolean(hqApi) && roles.has('admin') },
  ];
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {items
          .filter((item) => item.visible)
          .map((item) => {
            const active = item.route.name === current.name || (item.route.name === 'customers' && current.name === 'customer') || (item.route.name === 'accounts' && current.name === 'account') || (item.route.name === 'jointReviews' && current.name === 'jointReview');
            return (
              <li key={item.labelKey}>
                <a
                  href={pathOf(item.route, options.basePath)}
                  aria-current={active ? 'page' : undefined}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                    event.preventDefault();
                    navigate(item.route);
                  }}
                >
                  {t(item.labelKey)}
                </a>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}

export function defaultRoute(roles: string[], hasRegion: boolean, hasHq: boolean): Route {
  if (hasRegion && (roles.includes('staff') || roles.includes('lead'))) return { name: 'record' };
  if (hasHq && roles.includes('admin') && !roles.includes('hq')) return { name: 'nodes' };
  if (hasHq && (roles.includes('hq') || roles.includes('admin') || roles.includes('lead'))) return { name: 'accounts' };
  return { name: 'customers' };
}
