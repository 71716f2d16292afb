import type { Route } from './context.tsx';

/** Routes live under the host's basePath (history API), so the plugin never claims `/` or the hash. */
export function routeFromPath(pathname: string, basePath: string): Route | null {
  const rest = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : '';
  const [first, second] = rest.split('/').filter(Boolean).map(decodeURIComponent);
  switch (first) {
    case 'record':
      return { name: 'record', customerId: second };
    case 'items':
      return { name: 'openItems' };
    case 'customers':
      if (second === 'new') return { name: 'newCustomer' };
      return second ? { name: 'customer', id: second } : { name: 'customers' };
    case 'team':
      return { name: 'team' };
    case 'accounts':
      return second ? { name: 'account', globalCode: second } : { name: 'accounts' };
    case 'review':
      return { name: 'review' };
    case 'nodes':
      return { name: 'nodes' };
    case 'analytics':
      return { name: 'analytics' };
    case 'reviews':
      return second ? { name: 'jointReview', id: second } : { name: 'jointReviews' };
    default:
      return null;
  }
}

export function pathOf(route: Route, basePath: string): string {
  const segments: Record<Route['name'], string> = {
    record: 'record',
    openItems: 'items',
    customers: 'customers',
    customer: 'customers',
    newCustomer: 'customers/new',
    team: 'team',
    accounts: 'accounts',
    account: 'accounts',
    review: 'review',
    nodes: 'nodes',
    analytics: 'analytics',
    jointReviews: 'reviews',
    jointReview: 'reviews',
  };
  const tail =
    route.name === 'customer' ? `/${encodeURIComponent(route.id)}`
    : route.name === 'account' ? `/${encodeURIComponent(route.globalCode)}`
    : route.name === 'jointReview' ? `/${encodeURIComponent(route.id)}`
    : route.name === 'record' && route.customerId ? `/${encodeURIComponent(route.customerId)}`
    : '';
  return `${basePath}${segments[route.name]}${tail}`;
}
