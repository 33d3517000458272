import { requestJson } from '../../../lib/api/http';
import { invalidateQueries } from '../../../lib/api/query';
import type { Role } from '@ioc/shared';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationCode?: string | null;
  scopeUnitCode?: string | null;
}

export const authUrls = { me: '/api/v1/auth/me' };

/** Logs in (the server sets the session cookie) and reloads every view: what one may see has changed. */
export async function login(username: string, password: string): Promise<SessionUser> {
  const { user } = await requestJson<{ user: SessionUser }>('/api/v1/auth/login', {
    method: 'POST',
    body: { username, password },
  });
  invalidateQueries();
  return user;
}

export async function logout(): Promise<void> {
  await requestJson<unknown>('/api/v1/auth/logout', { method: 'POST', body: {} });
  invalidateQueries();
}
