import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.js';
import type { LiveMessage } from './live-hub.js';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events for screens that update live: every message of the live hub whose audience
 * includes the caller, e.g. `data-changed` with the indicators whose figures changed, or `event`
 * and `incident` changes for operators. Messages from the live log carry their durable id; a
 * screen that reconnects (EventSource sends `Last-Event-ID` by itself) first receives what it
 * missed, then `replay-done` (`complete: false` when the gap was longer than the retention).
 */
export const streamRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/stream',
      {
        schema: {
          tags: ['stream'],
          summary:
            'Luồng cập nhật trực tiếp (SSE), phát lại theo Last-Event-ID / Live updates (SSE) with replay',
          headers: z
            .object({
              'last-event-id': z
                .string()
                .regex(/^\d{1,18}$/)
                .optional(),
            })
            .passthrough(),
          querystring: z.object({
            lastEventId: z
              .string()
              .regex(/^\d{1,18}$/)
              .optional(),
          }),
        },
      },
      async (request, reply) => {
        const lastId = request.headers['last-event-id'] ?? request.query.lastEventId ?? null;
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        out.write(`retry: 3000\n: ket noi / connected\n\n`);
        let highest = lastId === null ? 0n : BigInt(lastId);
        const deliver = (message: LiveMessage) => {
          if (message.audience && !message.audience(request.actor)) return;
          if (message.id !== undefined) {
            if (BigInt(message.id) <= highest) return;
            highest = BigInt(message.id);
          }
          const id = message.id === undefined ? '' : `id: ${message.id}\n`;
          out.write(`${id}event: ${message.topic}\ndata: ${JSON.stringify(message.data)}\n\n`);
        };
        // Messages published during the replay wait until it is written, so the order holds.
        let pending: LiveMessage[] | null = lastId === null ? null : [];
        const unsubscribe = services.live.subscribe((message) =>
          pending ? pending.push(message) : deliver(message),
        );
        const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), HEARTBEAT_MS);
        request.raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
        if (lastId !== null && pending) {
          let complete = false;
          try {
            const missed = await services.liveLog.since(lastId);
            if (missed.isAhead) highest = 0n;
            for (const message of missed.messages) deliver(message);
            complete = missed.complete;
          } finally {
            for (const message of pending) deliver(message);
            pending = null;
            out.write(`event: replay-done\ndata: ${JSON.stringify({ complete })}\n\n`);
          }
        }
      },
    );
  };
