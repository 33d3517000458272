import { Loading } from '../../../ui/Loading';
import { useOverview } from '../../overview/hooks/useOverview';
import { WallWarningItems } from './WallWarningItems';

export function WallWarningsView({ month }: { month: string }) {
  const { overview } = useOverview(month);
  if (!overview) return <Loading />;
  return (
    <section className="wall-panel wall-full">
      <WallWarningItems warnings={overview.warnings.slice(0, 14)} />
    </section>
  );
}
