import { IndicatorDetail } from '../features/indicators/components/IndicatorDetail';

export function IndicatorPage({ params }: { params: Record<string, string> }) {
  return <IndicatorDetail code={params.code ?? ''} />;
}
