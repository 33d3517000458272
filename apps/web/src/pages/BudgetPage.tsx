import { BudgetDashboard } from '../features/finance/components/BudgetDashboard';

export function BudgetPage() {
  return <BudgetDashboard />;
}
