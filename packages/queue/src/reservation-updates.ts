import { ServiceUnavailable, withDeadline, type Logger } from '@onsale/shared';
import { reservationChannel, reservationUpdate, type ReservationUpdate } from './reservation-channel';
import type { RedisConnection } from './redis';

type Listener = (update: ReservationUpdate) => void;

interface Subscription {
  listeners: Set<Listener>;
  /** Resolves once Redis confirmed the SUBSCRIBE: only then can no message be missed. */
  ready: Promise<unknown>;
}

/**
 * Reservation updates published by any worker, fanned out to this API instance's listeners
 * (SSE streams, confirm/cancel waits) over one subscriber connection.
 */
export class ReservationUpdates {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly subscriber: RedisConnection,
    private readonly keyPrefix: string,
    private readonly logger: Logger,
  ) {
    const prefixLength = reservationChannel(keyPrefix, '').length;
    subscriber.on('message', (channel: string, message: string) => {
      const subscription = this.subscriptions.get(channel.slice(prefixLength));
      if (!subscription) return;
      const parsed = reservationUpdate.safeParse(JSON.parse(message));
      if (!parsed.success) {
        this.logger.warn({ channel }, 'malformed reservation update ignored');
        return;
      }
      for (const listener of subscription.listeners) listener(parsed.data);
    });
  }

  /** Calls `listener` with every update of the reservation until the returned function is called. */
  async subscribe(reservationId: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = reservationChannel(this.keyPrefix, reservationId);
    let subscription = this.subscriptions.get(reservationId);
    if (!subscription) {
      subscription = { listeners: new Set(), ready: this.subscriber.subscribe(channel) };
      this.subscriptions.set(reservationId, subscription);
    }
    subscription.listeners.add(listener);
    await subscription.ready;
    const current = subscription;
    return async () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0 && this.subscriptions.get(reservationId) === current) {
        this.subscriptions.delete(reservationId);
        // A connection closed meanwhile (shutdown) has no subscription left to drop.
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  /**
   * Subscribes, runs `start` (e.g. enqueue a command), and resolves with the first update that
   * satisfies `accept`, or undefined after `timeoutMs`. Redis being away is a 503, not a hang.
   */
  async waitFor(
    reservationId: string,
    accept: (update: ReservationUpdate) => boolean,
    timeoutMs: number,
    start: () => Promise<void>,
  ): Promise<ReservationUpdate | undefined> {
    let resolve!: (update: ReservationUpdate | undefined) => void;
    const result = new Promise<ReservationUpdate | undefined>((done) => (resolve = done));
    const subscribing = this.subscribe(reservationId, (update) => {
      if (accept(update)) resolve(update);
    });
    const unsubscribe = await withDeadline(subscribing, timeoutMs).catch((error: unknown) => {
      void subscribing.then((off) => off());
      throw new ServiceUnavailable('Reservation updates are unavailable right now; try again.', {}, { cause: error });
    });
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    try {
      await withDeadline(start(), timeoutMs).catch((error: unknown) => {
        throw new ServiceUnavailable('The queue is unavailable right now; try again.', {}, { cause: error });
      });
      return await result;
    } finally {
      clearTimeout(timer);
      await unsubscribe();
    }
  }
}
