import type { LiveLog } from '../stream/live-log.js';
import type { IncidentsService } from './incidents.service.js';

/**
 * Started by `ioc serve`: every interval, escalates incidents whose SLA lapsed (at the time of
 * `services.clock`) and drops live messages older than the replay retention.
 */
export class SlaScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly incidents: IncidentsService,
    private readonly liveLog: LiveLog,
    private readonly onError: (error: unknown) => void = (error) => console.error(error),
  ) {}

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick()).catch(this.onError);
    }, intervalMs);
  }

  async tick(): Promise<void> {
    await this.incidents.checkSla();
    await this.liveLog.prune();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
