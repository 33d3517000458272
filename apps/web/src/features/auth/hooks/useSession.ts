import { ApiError } from '../../../lib/api/http';
import { useApi } from '../../../lib/api/useApi';
import { authUrls, type SessionUser } from '../api/authApi';

/** The logged-in user, null for an anonymous visitor, undefined while unknown. */
export function useSession(): { user: SessionUser | null | undefined } {
  const { data, error } = useApi<SessionUser>(authUrls.me);
  if (error instanceof ApiError && error.status === 401) return { user: null };
  if (error) return { user: null };
  return { user: data };
}
