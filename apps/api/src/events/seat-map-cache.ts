import { findSeatMapVersion, readSeatMap, type Sql } from '@onsale/db';
import type { SeatMapView } from '@onsale/shared';

/**
 * Events' seat maps with their seat states, kept in the API process per version. A poll reads
 * only the version (one index scan of the event's ticket types; polls arriving meanwhile share
 * it); the map is read again only when the version moved, that is when a decision, a release or
 * a new map changed it. Concurrent polls of a new version share one read.
 */
export class SeatMapCache {
  private readonly maps = new Map<string, SeatMapView>();
  private readonly versionReads = new Map<string, Promise<string | undefined>>();
  private readonly mapReads = new Map<string, Promise<SeatMapView | undefined>>();

  constructor(private readonly sql: Sql) {}

  /** The event's map as of now, or undefined when it has none. */
  async get(eventId: string): Promise<SeatMapView | undefined> {
    const version = await this.shared(this.versionReads, eventId, () => findSeatMapVersion(this.sql, eventId));
    if (version === undefined) return undefined;
    const cached = this.maps.get(eventId);
    if (cached?.version === version) return cached;
    const map = await this.shared(this.mapReads, `${eventId}:${version}`, () => readSeatMap(this.sql, eventId));
    if (map) this.maps.set(eventId, map);
    return map;
  }

  private shared<T>(reads: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
    const pending = reads.get(key);
    if (pending) return pending;
    const started = read().finally(() => reads.delete(key));
    reads.set(key, started);
    return started;
  }
}
