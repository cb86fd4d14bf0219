/** One message of a Server-Sent Events stream. */
export interface SseMessage {
  event?: string;
  id?: string;
  data: string;
}

/** One `event:` / `id:` / `data:` block; undefined for a comment-only block (keep-alive). */
function parseSseBlock(block: string): SseMessage | undefined {
  const message: SseMessage = { data: '' };
  const data: string[] = [];
  let hasField = false;
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    hasField = true;
    if (field === 'data') data.push(value);
    else if (field === 'event') message.event = value;
    else if (field === 'id') message.id = value;
  }
  if (!hasField) return undefined;
  message.data = data.join('\n');
  return message;
}

/** The messages of a whole SSE body, read after the server ended the stream. */
export function parseSse(text: string): SseMessage[] {
  return text
    .split(/\r?\n\r?\n/)
    .map(parseSseBlock)
    .filter((message): message is SseMessage => message !== undefined);
}

/** Reads an SSE response message by message, as the server sends them. */
export function readSse(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;

  async function read(): Promise<SseMessage | undefined> {
    for (;;) {
      const boundary = buffer.search(/\r?\n\r?\n/);
      if (boundary !== -1) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
        const message = parseSseBlock(block);
        if (message) return message;
        continue;
      }
      if (ended) return undefined;
      const chunk = await reader.read();
      if (chunk.done) {
        ended = true;
        buffer += decoder.decode();
      } else {
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    }
  }

  return {
    /** The next message, or undefined once the server ended the stream. */
    next: (timeoutMs = 10_000): Promise<SseMessage | undefined> =>
      Promise.race([
        read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no SSE message within ${timeoutMs} ms`)), timeoutMs).unref(),
        ),
      ]),
    close: () => reader.cancel().catch(() => undefined),
  };
}
