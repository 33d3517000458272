import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export const SESSION_COOKIE = 'ioc_session';

/** Reads one cookie from the Cookie header (no cookie library needed for one value). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Session token from the cookie or `Authorization: Bearer`, API key from `X-API-Key` or a Bearer `ioc_…` key. */
export function readCredentials(request: FastifyRequest): { sessionToken?: string; apiKey?: string } {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return { apiKey: header };
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return bearer.startsWith('ioc_') ? { apiKey: bearer } : { sessionToken: bearer };
  const cookie = readCookie(request, SESSION_COOKIE);
  return cookie ? { sessionToken: cookie } : {};
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure ? '; Secure' : ''}`,
  );
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
}
