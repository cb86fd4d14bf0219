import type { ReservationView } from '@onsale/shared';
import { reservationChannel, type ReservationUpdate } from './reservation-channel';
import type { RedisConnection } from './redis';

/** Publishes reservation states for subscribers on any API instance (SSE, confirm/cancel waits). */
export class ReservationPublisher {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
  ) {}

  async publish(reservations: readonly ReservationView[], commandId: string, options: { setAside?: boolean } = {}): Promise<void> {
    if (reservations.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const reservation of reservations) {
      const update: ReservationUpdate = { reservation, commandId, ...(options.setAside ? { setAside: true } : {}) };
      pipeline.publish(reservationChannel(this.keyPrefix, reservation.id), JSON.stringify(update));
    }
    await pipeline.exec();
  }
}
