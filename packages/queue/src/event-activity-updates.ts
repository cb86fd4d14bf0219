import type { Logger } from '@onsale/shared';
import { eventActivity, eventActivityChannel, type EventActivity } from './event-activity-channel';
import type { RedisConnection } from './redis';

type Listener = (activity: EventActivity) => void;

/**
 * Event activity published by any worker, fanned out to this API instance's listeners: one Redis
 * SUBSCRIBE per event however many listen, over one subscriber connection (which may be shared
 * with `ReservationUpdates`: each ignores the other's channels).
 */
export class EventActivityUpdates {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly prefix: string;
  private connectedBefore = false;

  constructor(
    private readonly subscriber: RedisConnection,
    private readonly keyPrefix: string,
    private readonly logger: Logger,
  ) {
    this.prefix = eventActivityChannel(keyPrefix, '');
    subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(this.prefix)) return;
      const listeners = this.listeners.get(channel.slice(this.prefix.length));
      if (!listeners) return;
      const parsed = eventActivity.safeParse(JSON.parse(message));
      if (!parsed.success) {
        this.logger.warn({ channel }, 'malformed event activity ignored');
        return;
      }
      for (const listener of listeners) listener(parsed.data);
    });
    // ioredis subscribes again by itself after a reconnect; what was published meanwhile is lost.
    subscriber.on('ready', () => {
      if (this.connectedBefore) for (const listener of this.reconnectListeners) listener();
      this.connectedBefore = true;
    });
    if (subscriber.status === 'ready') this.connectedBefore = true;
  }

  /** Calls `listener` each time the subscriber connection is back after a loss: messages may have been missed. */
  onReconnected(listener: () => void): void {
    this.reconnectListeners.add(listener);
  }

  /** Calls `listener` with every activity of the event until the returned function is called. */
  async subscribe(eventId: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = eventActivityChannel(this.keyPrefix, eventId);
    let listeners = this.listeners.get(eventId);
    const first = !listeners;
    if (!listeners) this.listeners.set(eventId, (listeners = new Set()));
    listeners.add(listener);
    if (first) {
      try {
        await this.subscriber.subscribe(channel);
      } catch (error) {
        await this.unsubscribe(eventId, listener);
        throw error;
      }
    }
    return () => this.unsubscribe(eventId, listener);
  }

  private async unsubscribe(eventId: string, listener: Listener): Promise<void> {
    const listeners = this.listeners.get(eventId);
    if (!listeners?.delete(listener) || listeners.size > 0) return;
    this.listeners.delete(eventId);
    await this.subscriber.unsubscribe(eventActivityChannel(this.keyPrefix, eventId)).catch(() => undefined);
  }
}
