import { WallScreen } from '../features/wall/components/WallScreen';

export function WallPage() {
  return <WallScreen />;
}
