import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parseSse } from './sse';

/** What the checker reads of an OpenAPI 3.1 document. */
export interface Document {
  paths?: Record<string, Record<string, Operation | undefined>>;
  components?: unknown;
}
interface Operation {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}
interface ResponseObject {
  headers?: Record<string, { schema?: unknown }>;
  content?: Record<string, { schema?: unknown; 'x-sse-events'?: Record<string, { $ref: string }> }>;
}

/** An answer as the API sent it: what the checker compares with the document. */
export interface Answer {
  method: string;
  /** The request's path and query. */
  url: string;
  status: number;
  headers: Headers;
  /** The whole body as text; for an event stream, the messages read before the test stopped reading. */
  body: string;
}

/**
 * The headers the API sets that a client reads: any of them in an answer must be declared for that
 * answer. (The browser-security headers every answer carries are the same for every route and are
 * left to security-headers.test.ts.)
 */
const DECLARED_HEADERS = [
  'location',
  'etag',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'x-request-id',
  'idempotent-replayed',
  'cache-control',
  'set-cookie',
  'vary',
  'content-encoding',
];

const SCHEMA_ID = 'onsale-openapi';

/**
 * Checks answers against an OpenAPI 3.1 document with Ajv's JSON Schema 2020-12 validator (the
 * dialect of OpenAPI 3.1's schemas): the operation for the method and path, the status, the
 * content type, the body's schema (each message's data for an event stream, by its event name)
 * and the headers. `check` returns what does not conform, empty when the answer does.
 */
export class ResponseChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly routes: { method: string; pattern: RegExp; path: string; literal: number }[] = [];
  /** `METHOD path status` of every answer checked, to tell which the tests reached. */
  readonly seen = new Set<string>();

  constructor(private readonly document: Document) {
    addFormats(this.ajv);
    this.ajv.addSchema(document as object, SCHEMA_ID);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of Object.keys(item)) {
        const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
        this.routes.push({ method, path, pattern: new RegExp(`^${source}$`), literal: path.replace(/\{\w+\}/g, '').length });
      }
    }
    // A literal path wins over a template that also matches it.
    this.routes.sort((a, b) => b.literal - a.literal);
  }

  /** Every `METHOD path status` the document declares. */
  declared(): string[] {
    return Object.entries(this.document.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        Object.keys(operation?.responses ?? {}).map((status) => `${method.toUpperCase()} ${path} ${status}`),
      ),
    );
  }

  check(answer: Answer): string[] {
    const method = answer.method.toLowerCase();
    const path = answer.url.split('?')[0]!;
    const route = this.routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    if (!route) return [`${answer.method} ${path}: no such operation in the document`];
    const where = `${answer.method} ${route.path} → ${answer.status}`;
    const operation = this.document.paths![route.path]![method]!;
    const response = operation.responses?.[String(answer.status)];
    this.seen.add(`${answer.method} ${route.path} ${answer.status}`);
    if (!response) return [`${where}: status not declared (declared: ${Object.keys(operation.responses ?? {}).join(', ')})`];
    const pointer = `#/paths/${escapePointer(route.path)}/${method}/responses/${answer.status}`;
    return [...this.headerProblems(where, response, answer.headers), ...this.bodyProblems(where, pointer, response, answer)];
  }

  private headerProblems(where: string, response: ResponseObject, headers: Headers): string[] {
    const declared = new Map(Object.entries(response.headers ?? {}).map(([name, header]) => [name.toLowerCase(), header]));
    const problems: string[] = [];
    for (const name of DECLARED_HEADERS) {
      const value = headers.get(name);
      if (value === null) continue;
      const header = declared.get(name);
      if (!header) {
        problems.push(`${where}: header ${name} not declared`);
        continue;
      }
      const valid = header.schema ? this.ajv.compile(header.schema as object) : undefined;
      if (valid && !valid(value)) problems.push(`${where}: header ${name}: ${JSON.stringify(value)} ${this.ajv.errorsText(valid.errors)}`);
    }
    return problems;
  }

  private bodyProblems(where: string, pointer: string, response: ResponseObject, answer: Answer): string[] {
    const contentType = answer.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase();
    const hasBody = answer.body.length > 0;
    if (!response.content) {
      if (hasBody) return [`${where}: a body (${contentType}) where none is declared`];
      return [];
    }
    if (answer.method === 'HEAD') return [];
    if (!contentType) return [`${where}: no Content-Type; declared ${Object.keys(response.content).join(', ')}`];
    const media = response.content[contentType];
    if (!media) return [`${where}: Content-Type ${contentType} not declared (declared: ${Object.keys(response.content).join(', ')})`];
    const mediaPointer = `${pointer}/content/${escapePointer(contentType)}`;
    if (contentType === 'text/event-stream') return this.streamProblems(where, mediaPointer, media['x-sse-events'] ?? {}, answer.body);
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [`${where}: the body is not JSON: ${answer.body.slice(0, 200)}`];
    }
    return this.schemaProblems(`${where}: body`, `${mediaPointer}/schema`, body);
  }

  /** Each message of a stream: its event name declared, its data valid against that event's schema. */
  private streamProblems(where: string, mediaPointer: string, events: Record<string, { $ref: string }>, text: string): string[] {
    const messages = parseSse(text);
    if (messages.length === 0) return [`${where}: no event read from the stream`];
    return messages.flatMap((message, index) => {
      const name = message.event ?? 'message';
      if (!events[name]) return [`${where}: event ${name} not declared (declared: ${Object.keys(events).join(', ')})`];
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return [`${where}: event ${index} (${name}): data is not JSON`];
      }
      return this.schemaProblems(`${where}: event ${index} (${name}) data`, `${mediaPointer}/x-sse-events/${escapePointer(name)}`, data);
    });
  }

  private schemaProblems(what: string, pointer: string, value: unknown): string[] {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${SCHEMA_ID}${pointer}` });
      this.compiled.set(pointer, validate);
    }
    if (validate(value)) return [];
    return [`${what}: ${this.ajv.errorsText(validate.errors)} in ${JSON.stringify(value).slice(0, 300)}`];
  }
}

/** A JSON pointer segment, as it stands in a URI fragment. */
const escapePointer = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
