import { DomainDashboard } from '../features/domains/components/DomainDashboard';

export function DomainPage({ params }: { params: Record<string, string> }) {
  return <DomainDashboard code={params.code ?? ''} />;
}
