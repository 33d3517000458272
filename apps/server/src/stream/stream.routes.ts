import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Services } from '../app.js';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events for screens that update live: every message of the live hub whose audience
 * includes the caller, e.g. `data-changed` with the indicators whose figures changed, as soon as
 * their roll-ups are current. No polling; EventSource reconnects by itself.
 */
export const streamRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/stream',
      {
        schema: {
          tags: ['stream'],
          summary: 'Luồng sự kiện cập nhật số liệu (SSE) / Live data-change events (SSE)',
        },
      },
      (request, reply) => {
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        let id = 0;
        out.write(`retry: 3000\n: ket noi / connected\n\n`);
        const unsubscribe = services.live.subscribe((message) => {
          if (message.audience && !message.audience(request.actor)) return;
          out.write(`id: ${++id}\nevent: ${message.topic}\ndata: ${JSON.stringify(message.data)}\n\n`);
        });
        const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), HEARTBEAT_MS);
        request.raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
      },
    );
  };
