import { toReservationView, type ReservationWithItems } from '@onsale/db';
import { reservationChannel, type RedisConnection, type ReservationUpdate } from '@onsale/shared';

/** Publishes reservation states for subscribers on any API instance (SSE, confirm/cancel waits). */
export class ReservationPublisher {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
  ) {}

  async publish(reservations: readonly ReservationWithItems[], commandId: string): Promise<void> {
    if (reservations.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const reservation of reservations) {
      const update: ReservationUpdate = { reservation: toReservationView(reservation), commandId };
      pipeline.publish(reservationChannel(this.keyPrefix, reservation.id), JSON.stringify(update));
    }
    await pipeline.exec();
  }
}
