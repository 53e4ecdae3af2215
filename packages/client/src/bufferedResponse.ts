// The answer as the fetch wrapper hands it to openapi-fetch: its body already read into memory, within the call's
// deadline and size limit. A Response built around the body with a new stream would cost a stream per call
// (measured: a third of a whole bare openapi-fetch call), so the body readers serve the text or bytes directly, and
// status, headers and URL are read from the answer itself (nothing is copied); to openapi-fetch and to middleware
// it reads like any Response, once, or as often as it is cloned. text() and json() serve the body as it is; the
// other readers, which JSON does not need, read a copy made when they are called.
//
// It is a Response (`instanceof Response`, as openapi-fetch asks of what middleware returns) without Response's
// constructor, which would build an empty body and headers per call that nothing reads (measured: about 2 µs, a
// twentieth of a whole call). So every member of Response is its own (`implements Response` checks that none is
// missing, and a static block covers those a later Node adds): a native one, called on this object, would find none
// of Response's private state and throw.
const decoder = new TextDecoder();

// A Response whose body is read, for a read answer's readers: Response's own readers refuse it as they refuse any
// read body (a rejected promise, or a throw from clone and a stream reader), with Response's own message. One serves
// every answer: nothing can read it.
const readBody = new Response('');
readBody.body!.getReader();

export class BufferedResponse implements Response {
  readonly #body: string | Uint8Array<ArrayBuffer>;
  readonly #answer: Response;
  #used = false;
  /** Requests sent for this answer, retries included. */
  readonly attempts: number;
  /** The server's `Retry-After` in milliseconds, when it answered 429/502/503/504 with one. */
  readonly retryAfterMs: number | undefined;

  constructor(body: string | Uint8Array<ArrayBuffer>, answer: Response, attempts: number, retryAfterMs?: number) {
    this.#body = body;
    this.#answer = answer;
    this.attempts = attempts;
    this.retryAfterMs = retryAfterMs;
  }

  /** The body as text, without consuming it (what the client's own methods and drift read). */
  get bodyText(): string {
    return typeof this.#body === 'string' ? this.#body : decoder.decode(this.#body);
  }

  get status(): number {
    return this.#answer.status;
  }

  get statusText(): string {
    return this.#answer.statusText;
  }

  get ok(): boolean {
    return this.#answer.ok;
  }

  get headers(): Headers {
    return this.#answer.headers;
  }

  get url(): string {
    return this.#answer.url;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#used ? null : this.#copy().body;
  }

  /** A Response with the same body, for the readers that JSON does not need, made only when one is called. */
  #copy(): Response {
    const { status, statusText, headers } = this;
    return new Response(this.bodyText ? this.#body : null, { status, statusText, headers });
  }

  async text(): Promise<string> {
    if (this.#used) return readBody.text();
    this.#used = true;
    return this.bodyText;
  }

  async json(): Promise<unknown> {
    if (this.#used) return readBody.json();
    this.#used = true;
    return JSON.parse(this.bodyText);
  }

  clone(): BufferedResponse {
    if (this.#used) readBody.clone();
    return new BufferedResponse(this.#body, this.#answer, this.attempts, this.retryAfterMs);
  }

  // Declared for the compiler; defined by the static block below.
  declare readonly type: ResponseType;
  declare readonly redirected: boolean;
  declare arrayBuffer: () => Promise<ArrayBuffer>;
  declare blob: () => Promise<Blob>;
  declare bytes: () => Promise<Uint8Array<ArrayBuffer>>;
  declare formData: () => Promise<FormData>;

  static {
    // Every other member of Response, those a later Node adds included (Node 26's textStream), with Response's own
    // descriptor: a getter reads the answer; a body reader (a method named by a string: arrayBuffer, blob, bytes,
    // formData...) reads a copy, once, and on a read answer is Response's own reader refusing a read body (it
    // rejects, or for a stream throws, as on any Response); util.inspect's shows a copy of the answer as it came.
    const own = BufferedResponse.prototype;
    const response = Response.prototype;
    Object.setPrototypeOf(own, response);
    for (const key of Reflect.ownKeys(response)) {
      const native = Object.getOwnPropertyDescriptor(response, key)!;
      const { get, value, enumerable } = native;
      // A member this class declares is enumerable as Response's own is (a class member is not), for `for...in`.
      if (Object.hasOwn(own, key)) Object.defineProperty(own, key, { enumerable });
      else if (get || typeof value === 'function')
        Object.defineProperty(
          own,
          key,
          get
            ? {
                ...native,
                get(this: BufferedResponse) {
                  return get.call(this.#answer);
                },
              }
            : {
                ...native,
                value(this: BufferedResponse, ...args: unknown[]) {
                  const reads = typeof key === 'string';
                  const copy = reads && this.#used ? readBody : this.#copy();
                  this.#used ||= reads;
                  return value.apply(copy, args);
                },
              },
        );
    }
  }
}
