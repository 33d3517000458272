import { useApi } from '../../../lib/api/useApi';
import type { Bilingual } from '../../../lib/api/types';

export interface About {
  name: string;
  nameEn: string;
  demoNotice: Bilingual | null;
}

export function useAbout() {
  const query = useApi<About>('/api/v1/about');
  return { ...query, about: query.data };
}
