import { UnitScorecard } from '../features/units/components/UnitScorecard';

export function UnitPage({ params }: { params: Record<string, string> }) {
  return <UnitScorecard code={params.code ?? ''} />;
}
