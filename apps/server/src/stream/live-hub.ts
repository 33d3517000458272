import { EventEmitter } from 'node:events';
import type { Actor } from '../auth/actor.js';

/** One message for live screens: an SSE event name (`topic`) and its JSON data. */
export interface LiveMessage {
  /** Durable, increasing id (from the live log) for messages a reconnecting screen replays. */
  id?: string;
  topic: string;
  data: unknown;
  /** Who may receive it; everyone connected when absent. */
  audience?: (actor: Actor) => boolean;
}

/**
 * The in-process hub every feature publishes live messages to; `/api/v1/stream` forwards them
 * to each connected screen whose actor is in the audience.
 */
export class LiveHub {
  private readonly events = new EventEmitter().setMaxListeners(0);

  publish(message: LiveMessage): void {
    this.events.emit('message', message);
  }

  /** Calls `listener` with every message published from now on; returns the unsubscribe. */
  subscribe(listener: (message: LiveMessage) => void): () => void {
    this.events.on('message', listener);
    return () => this.events.off('message', listener);
  }
}
