import mqtt, { type MqttClient } from 'mqtt';
import type { SensorsService } from './sensors.service.js';

export interface MqttSubscriberOptions {
  url: string;
  /** Fixed, so the broker keeps this server's session (and queues its messages) while it is down. */
  clientId: string;
  log?: (line: string) => void;
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

/**
 * Subscribes to `<prefix>/+` with QoS 1 on a persistent session (clean=false). mqtt.js sends
 * the PUBACK of a QoS 1 message only when `handleMessage` calls back, and takes the next
 * message only then; we call back after the message is committed to the database. If storing
 * fails (database down), it is retried with backoff and never acknowledged before it is stored;
 * a server stopped meanwhile leaves it unacknowledged, so the broker delivers it again.
 */
export class SensorMqttSubscriber {
  private client: MqttClient | null = null;
  private stopping = false;

  constructor(
    private readonly sensors: SensorsService,
    private readonly options: MqttSubscriberOptions,
  ) {}

  async start(): Promise<void> {
    const log = this.options.log ?? (() => {});
    const topic = `${this.sensors.topicPrefix}/+`;
    const client = mqtt.connect(this.options.url, {
      clientId: this.options.clientId,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
    });
    this.client = client;
    client.handleMessage = (packet, callback) => {
      void this.store(packet.topic, packet.payload as Buffer).then(
        () => callback(),
        // Only when stopping: leave the message unacknowledged for the next start.
        (err: unknown) => callback(err as Error),
      );
    };
    client.on('connect', (connack) => {
      log(
        `MQTT: đã kết nối ${this.options.url} (phiên ${connack.sessionPresent ? 'cũ' : 'mới'}) / connected`,
      );
      client.subscribe(topic, { qos: 1 }, (err) => {
        if (err) log(`MQTT: không đăng ký được ${topic} / subscribe failed: ${err.message}`);
      });
    });
    client.on('error', (err) => log(`MQTT: lỗi / error: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      client.once('connect', () => {
        client.off('error', onError);
        resolve();
      });
      client.once('error', onError);
    });
  }

  private async store(topic: string, payload: Buffer): Promise<void> {
    for (let delay = RETRY_MIN_MS; ; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
      try {
        await this.sensors.ingest(topic, payload);
        return;
      } catch (err) {
        if (this.stopping) throw err;
        this.options.log?.(
          `MQTT: chưa lưu được bản tin, thử lại sau ${delay} ms / store failed: ${String(err)}`,
        );
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** Disconnects; `force` drops the connection at once, as a crash would. */
  async stop(force = false): Promise<void> {
    this.stopping = true;
    await this.client?.endAsync(force);
    this.client = null;
  }
}
