import { InvestmentDashboard } from '../features/finance/components/InvestmentDashboard';

export function InvestmentPage() {
  return <InvestmentDashboard />;
}
