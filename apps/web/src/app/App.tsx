import { lazy, Suspense, type ComponentType } from 'react';
import { matchPath } from '../lib/router/history';
import { useLocation } from '../lib/router/useLocation';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { OverviewPage } from '../pages/OverviewPage';
import { AppLayout } from './AppLayout';

// The overview is the landing screen and ships in the main bundle; every other screen (and ECharts
// with it) is loaded when first opened.
const DomainPage = lazy(() => import('../pages/DomainPage').then((m) => ({ default: m.DomainPage })));
const DomainListPage = lazy(() =>
  import('../pages/DomainListPage').then((m) => ({ default: m.DomainListPage })),
);
const IndicatorPage = lazy(() =>
  import('../pages/IndicatorPage').then((m) => ({ default: m.IndicatorPage })),
);
const UnitPage = lazy(() => import('../pages/UnitPage').then((m) => ({ default: m.UnitPage })));
const WallPage = lazy(() => import('../pages/WallPage').then((m) => ({ default: m.WallPage })));
const LoginPage = lazy(() => import('../pages/LoginPage').then((m) => ({ default: m.LoginPage })));
const AdminBoundariesPage = lazy(() =>
  import('../pages/AdminBoundariesPage').then((m) => ({ default: m.AdminBoundariesPage })),
);
const SupplyPage = lazy(() => import('../pages/SupplyPage').then((m) => ({ default: m.SupplyPage })));
const SupplyApprovalsPage = lazy(() =>
  import('../pages/SupplyApprovalsPage').then((m) => ({ default: m.SupplyApprovalsPage })),
);
const SupplyScoreboardPage = lazy(() =>
  import('../pages/SupplyScoreboardPage').then((m) => ({ default: m.SupplyScoreboardPage })),
);
const AdminDataSetsPage = lazy(() =>
  import('../pages/AdminDataSetsPage').then((m) => ({ default: m.AdminDataSetsPage })),
);
const NotFoundPage = lazy(() => import('../pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));

interface Route {
  path: string;
  page: ComponentType<{ params: Record<string, string> }>;
  /** Full-screen pages (the video wall) have no header. */
  bare?: boolean;
}

const ROUTES: Route[] = [
  { path: '/', page: OverviewPage },
  { path: '/domain', page: DomainListPage },
  { path: '/domain/:code', page: DomainPage },
  { path: '/indicator/:code', page: IndicatorPage },
  { path: '/unit/:code', page: UnitPage },
  { path: '/wall', page: WallPage, bare: true },
  { path: '/login', page: LoginPage },
  { path: '/admin/boundaries', page: AdminBoundariesPage },
  { path: '/supply', page: SupplyPage },
  { path: '/supply/approvals', page: SupplyApprovalsPage },
  { path: '/supply/scoreboard', page: SupplyScoreboardPage },
  { path: '/admin/data-sets', page: AdminDataSetsPage },
];

export function App() {
  const { pathname } = useLocation();
  let found: { route: Route; params: Record<string, string> } | null = null;
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) {
      found = { route, params };
      break;
    }
  }
  const Page = found?.route.page ?? NotFoundPage;
  const content = (
    <ErrorBoundary key={pathname} fallback={(error) => <ErrorMessage error={error} />}>
      <Suspense fallback={<Loading />}>
        <Page params={found?.params ?? {}} />
      </Suspense>
    </ErrorBoundary>
  );
  return found?.route.bare ? content : <AppLayout>{content}</AppLayout>;
}
