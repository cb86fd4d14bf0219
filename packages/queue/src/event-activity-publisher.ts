import { eventActivityChannel, type EventActivity } from './event-activity-channel';
import type { RedisConnection } from './redis';

/** Publishes what commits did to events, for live viewers on any API instance. */
export class EventActivityPublisher {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
  ) {}

  async publish(activities: readonly EventActivity[]): Promise<void> {
    if (activities.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const activity of activities) {
      pipeline.publish(eventActivityChannel(this.keyPrefix, activity.eventId), JSON.stringify(activity));
    }
    await pipeline.exec();
  }
}
