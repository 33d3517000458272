import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';

const TAGS = ['notifications'];

export const notificationRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/notifications',
      {
        schema: {
          tags: TAGS,
          summary: 'Thông báo của tôi / My notifications',
          querystring: z.object({
            unread: z.stringbool().default(false),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
      },
      async (request) =>
        services.notifications.list(request.actor, {
          unreadOnly: request.query.unread,
          limit: request.query.limit,
        }),
    );

    app.post(
      '/notifications/:id/read',
      {
        schema: {
          tags: TAGS,
          summary: 'Đánh dấu đã đọc / Mark read',
          params: z.object({ id: z.string().regex(/^\d+$/) }),
        },
      },
      async (request) => ({
        updated: await services.notifications.markRead(request.actor, request.params.id),
      }),
    );

    app.post(
      '/notifications/read-all',
      { schema: { tags: TAGS, summary: 'Đánh dấu tất cả đã đọc / Mark all read' } },
      async (request) => ({ updated: await services.notifications.markRead(request.actor, null) }),
    );

    app.get(
      '/webhooks',
      { schema: { tags: TAGS, summary: 'Các webhook nhận thông báo / Webhook receivers' } },
      async (request) => ({ webhooks: await services.notifications.listWebhooks(request.actor) }),
    );

    app.put(
      '/webhooks/:code',
      {
        schema: {
          tags: TAGS,
          summary: 'Tạo hoặc sửa webhook / Create or update a webhook receiver',
          params: z.object({ code: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/) }),
          body: z.object({
            url: z.url(),
            kinds: z.array(z.string().min(1).max(100)).max(50).default([]),
            secret: z.string().min(16).max(200).nullish(),
            active: z.boolean().default(true),
          }),
        },
      },
      async (request) => {
        await services.notifications.saveWebhook(request.actor, {
          code: request.params.code,
          ...request.body,
        });
        return { code: request.params.code };
      },
    );

    app.get(
      '/deliveries',
      {
        schema: {
          tags: TAGS,
          summary: 'Nhật ký gửi e-mail, webhook / Delivery log',
          querystring: z.object({
            status: z.enum(['pending', 'delivered', 'failed']).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
      },
      async (request) => ({
        deliveries: await services.notifications.listDeliveries(request.actor, request.query),
      }),
    );
  };
