// The answer as the fetch wrapper hands it to openapi-fetch: its body already read into memory, within the call's
// deadline and size limit. A Response built around the body with a new stream would cost a stream per call
// (measured: a third of a whole bare openapi-fetch call), so the body readers serve the text or bytes directly, and
// status, headers and URL are read from the answer itself (nothing is copied); to openapi-fetch and to middleware
// it reads like any Response, once, or as often as it is cloned. text() and json() serve the body as it is; the
// other readers (but formData, for a JSON API), which JSON does not need, read a copy made when they are called.

const decoder = new TextDecoder();

export class BufferedResponse extends Response {
  readonly #body: string | Uint8Array<ArrayBuffer>;
  readonly #answer: Response;
  #used = false;
  /** Requests sent for this answer, retries included. */
  readonly attempts: number;
  /** The server's `Retry-After` in milliseconds, when it answered 429/502/503/504 with one. */
  readonly retryAfterMs: number | undefined;

  constructor(body: string | Uint8Array<ArrayBuffer>, answer: Response, attempts: number, retryAfterMs?: number) {
    super();
    this.#body = body;
    this.#answer = answer;
    this.attempts = attempts;
    this.retryAfterMs = retryAfterMs;
  }

  /** The body as text, without consuming it (what the client's own methods and drift read). */
  get bodyText(): string {
    return typeof this.#body === 'string' ? this.#body : decoder.decode(this.#body);
  }

  override get status(): number {
    return this.#answer.status;
  }

  override get statusText(): string {
    return this.#answer.statusText;
  }

  override get ok(): boolean {
    return this.#answer.ok;
  }

  override get headers(): Headers {
    return this.#answer.headers;
  }

  override get url(): string {
    return this.#answer.url;
  }

  override get bodyUsed(): boolean {
    return this.#used;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#used ? null : this.#copy().body;
  }

  #consume(): void {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
  }

  /** A Response with the same body, for the readers that JSON does not need: made only when one is called. */
  #copy(): Response {
    const { status, statusText, headers } = this;
    return new Response(this.bodyText ? this.#body : null, { status, statusText, headers });
  }

  override async text(): Promise<string> {
    this.#consume();
    return this.bodyText;
  }

  override async json(): Promise<unknown> {
    this.#consume();
    return JSON.parse(this.bodyText);
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    this.#consume();
    return this.#copy().arrayBuffer();
  }

  override async blob(): Promise<Blob> {
    this.#consume();
    return this.#copy().blob();
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    this.#consume();
    return this.#copy().bytes();
  }

  override clone(): BufferedResponse {
    if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.#body, this.#answer, this.attempts, this.retryAfterMs);
  }
}
