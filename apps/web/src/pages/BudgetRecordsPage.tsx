import { BudgetRecordsList } from '../features/finance/components/BudgetRecordsList';

export function BudgetRecordsPage() {
  return <BudgetRecordsList />;
}
