import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { findSeatMapVersion, readSeatMap, type Database, type EventWithTicketTypes } from '@onsale/db';
import { NotFound, type SeatMapView } from '@onsale/shared';
import type { EventStates } from '../event-state/event-states';

/** Where the cache reads PostgreSQL: the map's version, and the map with its seat states. Injectable for tests. */
export interface SeatMapReader {
  version(eventId: string): Promise<string | undefined>;
  map(eventId: string): Promise<SeatMapView | undefined>;
}

export const postgresSeatMapReader = (database: Database): SeatMapReader => ({
  version: (eventId) => findSeatMapVersion(database, eventId),
  map: (eventId) => readSeatMap(database, eventId),
});

/**
 * The seat map's version from the seated ticket types' inventory versions (in id order): the same
 * digest `findSeatMapVersion` computes in PostgreSQL, so that the ETag is the same whichever of the
 * two said it.
 */
export function seatMapVersionOf(seated: readonly { id: string; version: number }[]): string {
  return createHash('md5')
    .update(seated.map(({ id, version }) => `${id}:${version}`).join(','))
    .digest('hex')
    .slice(0, 16);
}

export type ContentEncoding = 'br' | 'gzip';

/** Bodies smaller than this are sent as they are: compressing them saves less than its headers cost. */
const MIN_COMPRESSED_BYTES = 1_024;

const compressors: Record<ContentEncoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => promisify(gzip)(body),
};

/**
 * The coding to answer with for an `Accept-Encoding` header: br or gzip, whichever it weighs
 * more (br on a tie, `*` standing for an unnamed one); undefined for neither (the body as it is).
 */
export function preferredEncoding(acceptEncoding: string | undefined): ContentEncoding | undefined {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (coding) weights.set(coding.trim(), q === undefined ? 1 : Number(q) || 0);
  }
  const weightOf = (coding: ContentEncoding) => weights.get(coding) ?? weights.get('*') ?? 0;
  return (['br', 'gzip'] as const).reduce<ContentEncoding | undefined>(
    (chosen, coding) => (weightOf(coding) > (chosen ? weightOf(chosen) : 0) ? coding : chosen),
    undefined,
  );
}

/** One version of an event's seat map: serialised once, and compressed at most once per coding. */
export class SeatMapBody {
  readonly etag: string;
  readonly json: Buffer;
  private readonly compressed = new Map<ContentEncoding, Promise<Buffer>>();

  constructor(readonly map: SeatMapView) {
    this.etag = `"${map.version}"`;
    this.json = Buffer.from(JSON.stringify(map));
  }

  get version(): string {
    return this.map.version;
  }

  /** The body to send for `encoding` (what `preferredEncoding` chose), and the coding it is in. */
  async encoded(encoding: ContentEncoding | undefined): Promise<{ body: Buffer; encoding?: ContentEncoding }> {
    if (!encoding || this.json.length < MIN_COMPRESSED_BYTES) return { body: this.json };
    let compressing = this.compressed.get(encoding);
    if (!compressing) {
      compressing = compressors[encoding](this.json);
      this.compressed.set(encoding, compressing);
      // A failed compression is not kept: the body goes out as it is, and the next request tries again.
      compressing.catch(() => this.compressed.delete(encoding));
    }
    return compressing.then(
      (body) => ({ body, encoding }),
      () => ({ body: this.json }),
    );
  }
}

interface Kept {
  body: SeatMapBody;
  readAtMs: number;
  /** The version the event's state told when this map was read (the read may have found a newer one). */
  askedFor: string;
}

/**
 * Events' seat maps with their seat states, kept in the API process per version, serialised and
 * compressed once per version. A poll learns the version from the event's state (`EventStates`),
 * which the workers' commits keep current (each ticket type's inventory version after the commit)
 * and a re-read from PostgreSQL once a second confirms: no query while the version stays put. The
 * version is read from PostgreSQL only when the state cannot be had (Redis away) or does not know
 * it; the map is read again only when the version moved (a decision, a release, a new map), and
 * not sooner than `refreshMs` after the last read (a replaced map is read at once).
 * Concurrent polls of a new version share one read.
 */
export class SeatMapCache {
  private readonly kept = new Map<string, Kept>();
  private readonly versionReads = new Map<string, Promise<string | undefined>>();
  private readonly mapReads = new Map<string, Promise<SeatMapBody | undefined>>();
  /**
   * Per event, the newest read whose map was kept, or the replacement that outdated the reads
   * started before it: a read that finishes after a newer one (or after a replacement) is not kept.
   */
  private readonly newestRead = new Map<string, number>();
  private reads = 0;
  private readonly reader: SeatMapReader;

  /** The longest a kept map is served after its version moved (SEAT_MAP_REFRESH_MS); 0: always the newest. */
  private readonly refreshMs: number;

  constructor(private readonly deps: { database: Database; states?: EventStates; reader?: SeatMapReader; refreshMs?: number }) {
    this.reader = deps.reader ?? postgresSeatMapReader(deps.database);
    this.refreshMs = deps.refreshMs ?? 0;
  }

  /** The event's map as of now, or undefined when it has none (or there is no such event). */
  async get(eventId: string): Promise<SeatMapBody | undefined> {
    const told = await this.versionFromState(eventId);
    if (told === null) return undefined;
    const version = told ?? (await this.shared(this.versionReads, eventId, () => this.reader.version(eventId)));
    if (version === undefined) return undefined;
    const kept = this.kept.get(eventId);
    // The state may lag a moment behind a map read meanwhile: that newer map is still the one to serve.
    if (kept && (kept.body.version === version || kept.askedFor === version)) return kept.body;
    // Read at most every refreshMs: during a rush the version moves with every decision batch, and
    // re-reading and serialising the whole map per batch costs more than a map that lags that long.
    if (kept && Date.now() - kept.readAtMs < this.refreshMs) return kept.body;
    return this.shared(this.mapReads, `${eventId}:${version}`, () => this.read(eventId, version));
  }

  /**
   * A seat map this process replaced (`PUT /v1/events/:id/seat-map`): the map kept is dropped at
   * once, and the event's state takes the new inventory versions. Other API processes learn them
   * from their next re-read of the event (within a second).
   */
  replaced(event: EventWithTicketTypes): void {
    this.kept.delete(event.id);
    this.newestRead.set(event.id, ++this.reads);
    this.deps.states?.peek(event.id)?.inventoryRead(event.ticketTypes);
  }

  /** The version the event's state knows; null when it sells no seats or does not exist; undefined when the state cannot tell. */
  private async versionFromState(eventId: string): Promise<string | null | undefined> {
    const { states } = this.deps;
    if (!states) return undefined;
    let state = states.peek(eventId);
    if (!state) {
      try {
        state = await states.get(eventId);
      } catch (error) {
        return error instanceof NotFound ? null : undefined;
      }
    }
    const seated = state.seatVersions();
    return seated && seatMapVersionOf(seated);
  }

  private async read(eventId: string, askedFor: string): Promise<SeatMapBody | undefined> {
    const readSeq = ++this.reads;
    const map = await this.reader.map(eventId);
    if (!map) return undefined;
    const body = new SeatMapBody(map);
    if (readSeq > (this.newestRead.get(eventId) ?? 0)) {
      this.newestRead.set(eventId, readSeq);
      this.kept.set(eventId, { body, askedFor, readAtMs: Date.now() });
    }
    return body;
  }

  private shared<T>(reads: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
    const pending = reads.get(key);
    if (pending) return pending;
    const started = read().finally(() => reads.delete(key));
    reads.set(key, started);
    return started;
  }
}
