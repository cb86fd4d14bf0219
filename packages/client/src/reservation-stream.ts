import { createParser } from 'eventsource-parser';
import type { Reservation } from './types';

/**
 * The `reservation` events of `GET /v1/reservations/:id/events`, as they arrive, until the server
 * ends the stream (after a settled state). Throws if the stream cannot be opened.
 */
export async function* reservationEvents(
  fetchImpl: typeof fetch,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): AsyncGenerator<Reservation> {
  const response = await fetchImpl(url, { headers: { ...headers, accept: 'text/event-stream' }, signal });
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/event-stream') || !response.body) {
    // A refusal's small problem document is read to its end: an undici body's cancel() can wait
    // forever. Any other body is left to the caller's abort.
    if (response.status !== 200) await response.arrayBuffer().catch(() => undefined);
    throw new Error(`the reservation stream answered ${response.status}`);
  }
  const received: Reservation[] = [];
  const parser = createParser({
    onEvent: (message) => {
      if (message.event === 'reservation') received.push(JSON.parse(message.data) as Reservation);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    yield* received.splice(0);
  }
}
