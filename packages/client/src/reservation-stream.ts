import { createParser } from 'eventsource-parser';
import { discardRefusal } from './retry';
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
    // Any body but a refusal's could be endless: it is left to the caller's abort.
    if (response.status !== 200) await discardRefusal(response);
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
