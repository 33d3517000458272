import { DisbursementList } from '../features/finance/components/DisbursementList';

export function DisbursementsPage() {
  return <DisbursementList />;
}
