import { DomainList } from '../features/domains/components/DomainList';

export function DomainListPage() {
  return <DomainList />;
}
