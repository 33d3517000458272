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
const BudgetPage = lazy(() => import('../pages/BudgetPage').then((m) => ({ default: m.BudgetPage })));
const BudgetRecordsPage = lazy(() =>
  import('../pages/BudgetRecordsPage').then((m) => ({ default: m.BudgetRecordsPage })),
);
const InvestmentPage = lazy(() =>
  import('../pages/InvestmentPage').then((m) => ({ default: m.InvestmentPage })),
);
const DisbursementsPage = lazy(() =>
  import('../pages/DisbursementsPage').then((m) => ({ default: m.DisbursementsPage })),
);
const ProjectPage = lazy(() => import('../pages/ProjectPage').then((m) => ({ default: m.ProjectPage })));
const DossiersPage = lazy(() => import('../pages/DossiersPage').then((m) => ({ default: m.DossiersPage })));
const DossierListPage = lazy(() =>
  import('../pages/DossierListPage').then((m) => ({ default: m.DossierListPage })),
);
const DossierPage = lazy(() => import('../pages/DossierPage').then((m) => ({ default: m.DossierPage })));
const DossierDeadlinesPage = lazy(() =>
  import('../pages/DossierDeadlinesPage').then((m) => ({ default: m.DossierDeadlinesPage })),
);
const Index766Page = lazy(() => import('../pages/Index766Page').then((m) => ({ default: m.Index766Page })));
const CasesPage = lazy(() => import('../pages/CasesPage').then((m) => ({ default: m.CasesPage })));
const CaseDetailPage = lazy(() =>
  import('../pages/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })),
);
const CitizenReportPage = lazy(() =>
  import('../pages/CitizenReportPage').then((m) => ({ default: m.CitizenReportPage })),
);
const CitizenFollowPage = lazy(() =>
  import('../pages/CitizenFollowPage').then((m) => ({ default: m.CitizenFollowPage })),
);
const PublicCasesPage = lazy(() =>
  import('../pages/PublicCasesPage').then((m) => ({ default: m.PublicCasesPage })),
);
const SensorsPage = lazy(() => import('../pages/SensorsPage').then((m) => ({ default: m.SensorsPage })));
const AdminConnectorsPage = lazy(() =>
  import('../pages/AdminConnectorsPage').then((m) => ({ default: m.AdminConnectorsPage })),
);
const OperationsPage = lazy(() =>
  import('../pages/OperationsPage').then((m) => ({ default: m.OperationsPage })),
);
const CamerasPage = lazy(() => import('../pages/CamerasPage').then((m) => ({ default: m.CamerasPage })));
const AlertsPage = lazy(() => import('../pages/AlertsPage').then((m) => ({ default: m.AlertsPage })));
const PublicAlertsPage = lazy(() =>
  import('../pages/PublicAlertsPage').then((m) => ({ default: m.PublicAlertsPage })),
);
const SupplyPage = lazy(() => import('../pages/SupplyPage').then((m) => ({ default: m.SupplyPage })));
const SupplyApprovalsPage = lazy(() =>
  import('../pages/SupplyApprovalsPage').then((m) => ({ default: m.SupplyApprovalsPage })),
);
const SupplyScoreboardPage = lazy(() =>
  import('../pages/SupplyScoreboardPage').then((m) => ({ default: m.SupplyScoreboardPage })),
);
const AdminOperationsPage = lazy(() =>
  import('../pages/AdminOperationsPage').then((m) => ({ default: m.AdminOperationsPage })),
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
  { path: '/budget', page: BudgetPage },
  { path: '/budget/records', page: BudgetRecordsPage },
  { path: '/investment', page: InvestmentPage },
  { path: '/investment/disbursements', page: DisbursementsPage },
  { path: '/investment/project/:code', page: ProjectPage },
  { path: '/dossiers', page: DossiersPage },
  { path: '/dossiers/list', page: DossierListPage },
  { path: '/dossiers/deadlines', page: DossierDeadlinesPage },
  { path: '/dossiers/index-766', page: Index766Page },
  { path: '/dossiers/:code', page: DossierPage },
  // Citizen reports: the public pages first, so their paths are not read as case codes.
  { path: '/phan-anh/gui', page: CitizenReportPage },
  { path: '/phan-anh/cong-khai', page: PublicCasesPage },
  { path: '/phan-anh/theo-doi/:code', page: CitizenFollowPage },
  { path: '/phan-anh', page: CasesPage },
  { path: '/phan-anh/:code', page: CaseDetailPage },
  { path: '/sensors', page: SensorsPage },
  { path: '/admin/connectors', page: AdminConnectorsPage },
  { path: '/operations', page: OperationsPage },
  { path: '/admin/operations', page: AdminOperationsPage },
  { path: '/cameras', page: CamerasPage },
  { path: '/alerts', page: AlertsPage },
  // The public alerts page has its own light header (no login, no operator navigation).
  { path: '/public/alerts', page: PublicAlertsPage, bare: true },
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
