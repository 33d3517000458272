import { roleSchema } from '@ioc/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import { AppError } from '../errors.js';
import { clearSessionCookie, readCredentials, setSessionCookie } from '../http/request-context.js';

export const authRoutes =
  (services: Services, secureCookies = false): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Đăng nhập / Log in',
          body: z.object({ username: z.string().min(1), password: z.string().min(1) }),
        },
      },
      async (request, reply) => {
        const session = await services.auth.login(request.body.username, request.body.password);
        setSessionCookie(reply, session.token, session.expiresAt, secureCookies);
        return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: session.user };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['auth'], summary: 'Đăng xuất / Log out' } },
      async (request, reply) => {
        const { sessionToken } = readCredentials(request);
        if (sessionToken) await services.auth.logout(sessionToken);
        clearSessionCookie(reply);
        return { ok: true };
      },
    );

    app.get(
      '/auth/me',
      { schema: { tags: ['auth'], summary: 'Người dùng hiện tại / Current user' } },
      async (request) => {
        const actor = request.actor;
        if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
        return { ...(await services.auth.getUser(actor.userId)), via: actor.kind };
      },
    );

    app.post(
      '/users',
      {
        schema: {
          tags: ['auth'],
          summary: 'Tạo người dùng (quản trị) / Create a user (administrators)',
          body: z.object({
            username: z.string().min(3).max(64),
            displayName: z.string().min(1),
            password: z.string().min(10),
            role: roleSchema,
            organisationCode: z.string().nullish(),
            scopeUnitCode: z.string().nullish(),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await services.auth.createUser(request.actor, request.body)),
    );

    app.post(
      '/api-keys',
      {
        schema: {
          tags: ['auth'],
          summary: 'Cấp khóa API cho một người dùng (quản trị) / Issue an API key (administrators)',
          body: z.object({ username: z.string().min(1), name: z.string().min(1) }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await services.auth.createApiKey(request.actor, request.body.username, request.body.name)),
    );
  };
