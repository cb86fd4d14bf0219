/** A reply of the API over HTTP. */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  /** Parsed JSON for JSON and problem+json responses, else the text. */
  body: T;
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is; set the content type through `headers`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export type HttpClient = <T = any>(method: string, path: string, options?: RequestOptions) => Promise<Reply<T>>;

/**
 * Requests to the API at `baseUrl`, which may be a function for an API that a `beforeAll` starts
 * after the client is made.
 */
export function httpClient(baseUrl: string | (() => string)): HttpClient {
  const baseUrlNow = typeof baseUrl === 'string' ? () => baseUrl : baseUrl;
  return async <T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.json !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    }
    const res = await fetch(`${baseUrlNow()}${path}`, { method, headers, body });
    const text = await res.text();
    const isJson = /json/.test(res.headers.get('content-type') ?? '');
    return { status: res.status, headers: res.headers, body: isJson && text ? JSON.parse(text) : text };
  };
}
