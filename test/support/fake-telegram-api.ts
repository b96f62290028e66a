// A fake Telegram Bot API on 127.0.0.1 (random port) for grammY's real HTTP client: POST /bot<token>/<method>,
// long-polling getUpdates fed from a queue, every call recorded, and scripted failures (429 retry_after, 500, 403, 409)
// and network faults (a request that hangs, a connection dropped without an answer, an answer that comes too late).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { until, PATIENCE_MS } from './patience.js';

export interface RecordedCall {
  method: string;
  /** JSON body, or multipart fields (files as { filename, bytes }). */
  payload: Record<string, unknown>;
  at: Date;
  /** HTTP status the fake answered with; 0 when it never answered (hangNext / dropNext). */
  status: number;
  /** Set for a network fault: 'hung' (never answered), 'dropped' (socket destroyed), 'late' (processed, answered late). */
  fault?: NetworkFault['kind'];
}

/** What hangNext / dropNext / answerLateNext script for one call. */
export type NetworkFault = { kind: 'hung' } | { kind: 'dropped' } | { kind: 'late'; delayMs: number };

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

export interface ScriptedFailure {
  status: number;
  description?: string;
  retryAfter?: number;
}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: chat not found',
  403: 'Forbidden: bot was blocked by the user',
  409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  500: 'Internal Server Error',
};

interface Waiter {
  offset: number;
  limit: number;
  respond: (updates: unknown[]) => void;
}

export class FakeTelegramApi {
  readonly calls: RecordedCall[] = [];
  /** file_path → bytes served at /file/bot<token>/<file_path>. */
  readonly files = new Map<string, Buffer>();
  private readonly updates: { update_id: number }[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly failures = new Map<string, ScriptedFailure[]>();
  private readonly networkFaults = new Map<string, NetworkFault[]>();
  private nextMessageId = 1000;

  private constructor(
    private readonly server: Server,
    readonly token: string,
    readonly apiRoot: string,
  ) {}

  static async start(token = '123456:TEST-token_abc'): Promise<FakeTelegramApi> {
    let fake: FakeTelegramApi | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeTelegramApi(server, token, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** Queues an update for getUpdates (raw, so tests can push malformed ones; needs a numeric update_id). */
  pushUpdate(update: { update_id: number } & Record<string, unknown>): void {
    this.updates.push(update);
    for (const w of [...this.waiters]) {
      const ready = this.pending(w.offset, w.limit);
      if (ready.length > 0) {
        this.waiters.delete(w);
        w.respond(ready);
      }
    }
  }

  /** The next `count` calls of `method` fail with the given status (and retry_after for 429). */
  failNext(method: string, count: number, failure: ScriptedFailure): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /**
   * The next `count` calls of `method` are read and recorded but never answered: the socket stays open until the
   * client gives up (its timeout) or close(). Nothing is processed (no message is sent, no update confirmed).
   * Network faults are served before failNext failures.
   */
  hangNext(method: string, count = 1): void {
    this.queueFault(method, count, { kind: 'hung' });
  }

  /** The next `count` calls of `method` are read, recorded and the connection is destroyed without any answer. */
  dropNext(method: string, count = 1): void {
    this.queueFault(method, count, { kind: 'dropped' });
  }

  /**
   * The next `count` calls of `method` are PROCESSED (a sendMessage counts as delivered, status 200) but answered only
   * after `delayMs` — past the client's timeout this is the at-least-once window: delivered, yet reported as failed.
   */
  answerLateNext(method: string, count: number, delayMs: number): void {
    this.queueFault(method, count, { kind: 'late', delayMs });
  }

  private queueFault(method: string, count: number, fault: NetworkFault): void {
    const list = this.networkFaults.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(fault);
    this.networkFaults.set(method, list);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first recorded call of `method` (answered with 200) matching `predicate`. */
  async waitFor(
    method: string,
    predicate: (c: RecordedCall) => boolean = () => true,
    timeoutMs = PATIENCE_MS,
  ): Promise<RecordedCall> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.calls.find((c) => c.method === method && c.status === 200 && predicate(c));
      if (hit) return hit;
      if (performance.now() > deadline)
        throw new Error(`fake Telegram: no ${method} call matched within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    for (const w of this.waiters) w.respond([]);
    this.waiters.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pending(offset: number, limit: number): unknown[] {
    return this.updates.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (err) {
      this.reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${String(err)}` });
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const body = await readBody(req);
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) {
      const bytes = fileMatch[1] === this.token ? this.files.get(fileMatch[2] ?? '') : undefined;
      res.writeHead(bytes ? 200 : 404).end(bytes);
      return;
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!m || req.method !== 'POST')
      return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token = '', method = ''] = m;
    const payload = await parsePayload(req.headers['content-type'] ?? '', body);
    const call: RecordedCall = { method, payload, at: new Date(), status: 200 };
    this.calls.push(call);
    if (token !== this.token) return this.fail(res, call, { status: 401, description: 'Unauthorized' });
    const fault = this.networkFaults.get(method)?.shift();
    if (fault?.kind === 'hung' || fault?.kind === 'dropped') {
      call.status = 0;
      call.fault = fault.kind;
      if (fault.kind === 'dropped') req.socket.destroy();
      return; // 'hung': the request stays open until the client aborts it or close() drops every connection
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) return this.fail(res, call, failure);
    if (fault?.kind === 'late') call.fault = 'late';
    const result = await this.answer(method, payload, res);
    if (result === undefined) return this.fail(res, call, { status: 404, description: 'Not Found: method not found' });
    if (fault?.kind === 'late') await new Promise((r) => setTimeout(r, fault.delayMs));
    this.reply(res, 200, { ok: true, result });
  }

  private fail(res: ServerResponse, call: RecordedCall, f: ScriptedFailure): void {
    call.status = f.status;
    const description =
      f.description ??
      (f.status === 429
        ? `Too Many Requests: retry after ${f.retryAfter ?? 1}`
        : (DEFAULT_DESCRIPTIONS[f.status] ?? 'Error'));
    this.reply(res, f.status, {
      ok: false,
      error_code: f.status,
      description,
      ...(f.status === 429 ? { parameters: { retry_after: f.retryAfter ?? 1 } } : {}),
    });
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private async answer(method: string, p: Record<string, unknown>, res: ServerResponse): Promise<unknown> {
    const chat = { id: Number(p.chat_id), type: Number(p.chat_id) < 0 ? 'group' : 'private' };
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case 'getMe':
        return {
          id: Number(this.token.split(':')[0]),
          is_bot: true,
          first_name: '物业前台',
          username: 'wuye_test_bot',
        };
      case 'getUpdates':
        return this.getUpdates(p, res);
      case 'sendMessage':
      case 'editMessageText':
        return { message_id: Number(p.message_id ?? this.nextMessageId++), date, chat, text: p.text };
      case 'sendPhoto':
        return {
          message_id: this.nextMessageId++,
          date,
          chat,
          photo: [{ file_id: 'sent-photo', file_unique_id: 'u', width: 1, height: 1 }],
        };
      case 'sendDocument':
        return {
          message_id: this.nextMessageId++,
          date,
          chat,
          document: { file_id: 'sent-document', file_unique_id: 'd', file_name: 'document' },
        };
      case 'getFile':
        return {
          file_id: p.file_id,
          file_unique_id: `u-${String(p.file_id)}`,
          file_path: `photos/${String(p.file_id)}.jpg`,
        };
      case 'answerCallbackQuery':
      case 'setWebhook':
      case 'deleteWebhook':
      case 'sendChatAction':
      case 'deleteMessage':
        return true;
      default:
        return undefined;
    }
  }

  private getUpdates(p: Record<string, unknown>, res: ServerResponse): Promise<unknown[]> | unknown[] {
    const offset = Number(p.offset ?? 0);
    const limit = Number(p.limit ?? 100);
    // Like Telegram: asking with an offset confirms (forgets) everything before it.
    for (let i = this.updates.length - 1; i >= 0; i--)
      if ((this.updates[i]?.update_id ?? 0) < offset) this.updates.splice(i, 1);
    const ready = this.pending(offset, limit);
    const timeoutSec = Number(p.timeout ?? 0);
    if (ready.length > 0 || timeoutSec <= 0) return ready;
    return new Promise((resolve) => {
      const waiter: Waiter = {
        offset,
        limit,
        respond: (u) => {
          clearTimeout(timer);
          resolve(u);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve([]);
      }, timeoutSec * 1000);
      this.waiters.add(waiter);
      // The client gave up (grammY aborts the long poll on stop): forget the waiter so no update goes to a dead socket.
      res.once('close', () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      });
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parsePayload(contentType: string, body: Buffer): Promise<Record<string, unknown>> {
  if (body.length === 0) return {};
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary)
    return parseMultipart(body, boundary[1] ?? boundary[2] ?? '');
  return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
}

/**
 * grammY writes `filename=c.png` unquoted, which undici's FormData parser refuses; Telegram accepts it, so we parse
 * by hand. Fields pointing at `attach://<name>` are replaced by that file part.
 */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, unknown> = {};
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const partStart = pos + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    const part = body.subarray(partStart + 2, next - 2); // skip the CRLF after the delimiter and before the next one
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename=(?:"([^"]*)"|([^;\r\n]+))/i.exec(headers);
    fields[name] = filename
      ? ({ filename: filename[1] ?? filename[2] ?? '', bytes: Buffer.from(content) } satisfies UploadedFile)
      : content.toString('utf8');
    pos = next;
  }
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.startsWith('attach://'))
      fields[key] = fields[value.slice('attach://'.length)];
  }
  return fields;
}
