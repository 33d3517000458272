import { eventInputSchema } from '@ioc/shared';
import mqtt, { type MqttClient } from 'mqtt';
import type { EventsService } from './events.service.js';

export interface MqttEventsOptions {
  url: string;
  topic: string;
  clientId: string;
  log?: (line: string) => void;
}

const RETRY_MS = [200, 1000, 5000];

/**
 * Subscribes to MQTT topics whose messages are events (JSON in the EventInput shape), with QoS 1
 * and a persistent session: the broker keeps messages while the server is down, and a message is
 * acknowledged (PUBACK) only after its event is committed. Invalid messages are acknowledged and
 * logged (a broker would otherwise redeliver them forever); a database failure is retried and,
 * if it persists, the message is left unacknowledged for redelivery after reconnecting.
 */
export class MqttEventsSubscriber {
  private client: MqttClient | null = null;
  /** Counts since start, for the log and tests. */
  readonly stats = { stored: 0, duplicates: 0, rejected: 0 };

  constructor(
    private readonly events: EventsService,
    private readonly options: MqttEventsOptions,
  ) {}

  /** Connects (retrying while the broker is away); resolves once subscribed the first time. */
  async start(): Promise<void> {
    const log = this.options.log ?? (() => {});
    this.client = mqtt.connect(this.options.url, {
      clientId: this.options.clientId,
      clean: false,
      reconnectPeriod: 2000,
    });
    // mqtt.js sends the PUBACK of a QoS 1 message when this callback is called (MQTT 3.1.1 and 5;
    // `customHandleAcks` works on MQTT 5 only): so only after the event is committed.
    this.client.handleMessage = (packet, callback) => {
      void this.handle(packet.topic, Buffer.from(packet.payload), log).then(
        () => callback(),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    };
    this.client.on('error', (error) => log(`MQTT: ${error.message}`));
    // Subscribe on every connection: a broker that lost its sessions still gets the subscription back.
    await new Promise<void>((resolve) => {
      this.client!.on('connect', () => {
        this.client!.subscribe(this.options.topic, { qos: 1 }, (error) => {
          if (error) return log(`MQTT: ${error.message}`);
          log(`MQTT: nhận sự kiện từ / subscribed to ${this.options.topic} at ${this.options.url}`);
          resolve();
        });
      });
    });
  }

  private async handle(topic: string, message: Buffer, log: (line: string) => void): Promise<void> {
    let input: unknown;
    try {
      input = JSON.parse(message.toString('utf8'));
    } catch {
      this.stats.rejected++;
      log(`MQTT ${topic}: không phải JSON, bỏ qua / not JSON, dropped`);
      return;
    }
    const parsed = eventInputSchema.safeParse(input);
    if (!parsed.success) {
      this.stats.rejected++;
      log(
        `MQTT ${topic}: sự kiện không hợp lệ / invalid event: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
      return;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.events.ingest(parsed.data, 'cli', `mqtt ${topic}`);
        if (result.created) this.stats.stored++;
        else this.stats.duplicates++;
        return;
      } catch (error) {
        // A rejected event (unknown unit, …) will not improve by retrying.
        if ((error as { status?: number }).status !== undefined) {
          this.stats.rejected++;
          log(`MQTT ${topic}: ${(error as Error).message}`);
          return;
        }
        const wait = RETRY_MS[attempt];
        if (wait === undefined) throw error;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync();
  }
}
