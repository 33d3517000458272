import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';

/** How deliveries leave the server: e-mail through SMTP (when configured) and HTTP webhooks. */
export interface Transports {
  email: ((to: string, subject: string, text: string) => Promise<void>) | null;
  webhook: (url: string, secret: string | null, body: string, deliveryId: string) => Promise<void>;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

export function createTransports(config: { SMTP_URL?: string; SMTP_FROM?: string }): Transports {
  const mailer = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  return {
    email: mailer
      ? async (to, subject, text) => {
          await mailer.sendMail({ from: config.SMTP_FROM, to, subject, text });
        }
      : null,
    webhook: async (url, secret, body, deliveryId) => {
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'x-ioc-delivery': deliveryId,
      };
      if (secret)
        headers['x-ioc-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    },
  };
}
