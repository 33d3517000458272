import { buildUrl, requestJson } from '../../../lib/api/http';
import type { Role, WarningLevel } from '@ioc/shared';

export type EntryKind = 'explanation' | 'comment';

export interface ExplanationEntry {
  id: number | string;
  kind: EntryKind;
  text: string;
  author: { username: string; displayName: string; role: Role };
  /** ISO timestamp. */
  at: string;
  unitCode: string;
  period: string;
  /** The value the entry refers to, as it stood when written. */
  value: number | null;
  level: WarningLevel | null;
}

export const explanationUrls = {
  thread: (code: string, unit: string, period: string) =>
    buildUrl(`/api/v1/indicators/${encodeURIComponent(code)}/explanations`, { unit, period }),
};

export async function postExplanation(
  code: string,
  body: { unit: string; period: string; text: string; kind: EntryKind },
): Promise<{ entries: ExplanationEntry[] }> {
  return requestJson(`/api/v1/indicators/${encodeURIComponent(code)}/explanations`, { method: 'POST', body });
}
