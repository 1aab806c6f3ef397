import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseTelegramHtml } from '../../src/sinks/telegram/templates/html.js';

/** Limits the fake enforces (Telegram's by default; tests shrink them to keep real waits short). */
export interface FakeLimits { readonly perChatGapMs: number; readonly groupMax: number; readonly groupWindowMs: number }
export interface FakeOptions { readonly token: string; readonly limits?: FakeLimits | false }
/** A photo uploaded with sendPhoto (multipart): the file's bytes and name as sent. */
export interface FakePhoto { readonly data: Buffer; readonly fileName: string; readonly contentType?: string }
/**
 * A message the fake accepted. `text` is what the bot sent (a photo's caption, '' for none),
 * `plainText` what a user would read; `photo` is set for sendPhoto.
 */
export interface FakeMessage {
  readonly messageId: number; readonly chatId: string; readonly text: string; readonly plainText: string; readonly parseMode?: string; readonly atMs: number;
  /** The message it was sent as a reply to; unset when not a reply (or the replied-to message was gone and sending without it was allowed). */
  readonly replyToMessageId?: number;
  readonly photo?: FakePhoto;
  /** The forum topic it was sent to (message_thread_id). */
  readonly threadId?: number;
  /** Sent with `disable_notification`: it arrives without sound. */
  readonly silent?: true;
}
export interface FakeRequest { readonly method: string; readonly atMs: number; readonly status: number; readonly chatId?: string; readonly description?: string }
/** The bot broke a rule: sent too fast to a chat, to a group, or before `retry_after` ran out. */
export interface FakeViolation { readonly rule: 'per_chat' | 'group' | 'retry_after'; readonly chatId: string; readonly atMs: number }
/** A scripted answer to the next sendMessage or sendPhoto (to `chatId`, or any chat). */
export interface ScriptedFailure { readonly status: number; readonly description?: string; readonly retryAfter?: number; readonly chatId?: string }
export interface InjectedMessage { readonly chatId: number; readonly userId: number; readonly text: string }
/** A chat the bot is a member of, as getChat answers it. */
export interface FakeChat {
  readonly id: number; readonly type: 'private' | 'group' | 'supergroup' | 'channel';
  readonly title?: string; readonly username?: string; readonly first_name?: string; readonly is_forum?: boolean;
}

type Json = Record<string, unknown>;
const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Bad Request: chat not found', 403: 'Forbidden: bot was blocked by the user', 500: 'Internal Server Error', 502: 'Bad Gateway',
};
export const TELEGRAM_FAKE_LIMITS: FakeLimits = { perChatGapMs: 1000, groupMax: 20, groupWindowMs: 60_000 };

/**
 * A Bot API on 127.0.0.1 for tests: `POST /bot<token>/<method>` with JSON, form or query params;
 * getMe, getChat (chats added with {@link addChat} or that wrote to the bot; others: 400 chat not
 * found; a group moved with {@link migrateChat}: 400 with its new id), deleteWebhook, long-polling getUpdates, sendMessage and sendPhoto (multipart upload; both
 * validated like Telegram, replies included), setMyCommands. A wrong token gets 401 Unauthorized on
 * every method.
 * Records every request and message with its time, enforces the rate limits (answering 429 and
 * recording a violation), plays scripted failures, and can stop listening to refuse connections.
 */
export class TelegramFake {
  readonly messages: FakeMessage[] = [];
  readonly requests: FakeRequest[] = [];
  readonly violations: FakeViolation[] = [];
  commands: unknown[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private readonly updates: Json[] = [];
  private readonly pollers = new Set<() => void>();
  private readonly accepted = new Map<string, number[]>();
  private readonly retryBlocked = new Map<string, number>();
  /** `chatId:messageId` of every message in a chat (sent or pushed), until deleted: what a reply may point at. */
  private readonly present = new Set<string>();
  /** The chats getChat knows, by id and by `@username`. */
  private readonly chats = new Map<string, FakeChat>();
  /** Groups upgraded to a supergroup: old id → new id. */
  private readonly migrated = new Map<string, number>();
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private port = 0;

  private constructor(private readonly server: Server, private readonly options: FakeOptions) {}

  static async start(options: FakeOptions): Promise<TelegramFake> {
    const server = createServer();
    const fake = new TelegramFake(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await fake.listen();
    return fake;
  }

  /** TELEGRAM_API_ROOT for the bot. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** getUpdates requests being held open (long poll) right now. */
  get heldPolls(): number {
    return this.pollers.size;
  }

  /** The next `times` sendMessage or sendPhoto calls (to `failure.chatId`, or any chat) fail this way. */
  failNext(failure: ScriptedFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  /** A user deletes a message: a later reply to it finds nothing. */
  deleteMessage(chatId: string, messageId: number): void {
    this.present.delete(`${chatId}:${messageId}`);
  }

  /** The bot is a member of this chat (added to a group, or a user pressed Start): getChat answers it. */
  addChat(chat: FakeChat): void {
    this.chats.set(String(chat.id), chat);
    if (chat.username !== undefined) this.chats.set(`@${chat.username}`, chat);
  }

  /**
   * A group is upgraded to a supergroup (Telegram gives it a new `-100…` id): from now on a send or
   * getChat to `oldId` answers 400 "group chat was upgraded to a supergroup chat" with
   * `parameters.migrate_to_chat_id`, and the new id is a supergroup the bot is in (same title).
   * With `announce` (Telegram's way; off: the bot missed the updates, e.g. it was down for a day),
   * the bot's next getUpdates also gets the two service messages: `migrate_to_chat_id` in the old
   * group, `migrate_from_chat_id` in the new supergroup.
   */
  migrateChat(oldId: number, newId: number, { announce = true }: { announce?: boolean } = {}): void {
    const title = this.chats.get(String(oldId))?.title ?? 'group';
    this.chats.delete(String(oldId));
    this.migrated.set(String(oldId), newId);
    this.addChat({ id: newId, type: 'supergroup', title });
    if (!announce) return;
    this.pushMessage({ id: oldId, type: 'group', title }, { migrate_to_chat_id: newId });
    this.pushMessage({ id: newId, type: 'supergroup', title }, { migrate_from_chat_id: oldId });
  }

  /** A user writes `text` in a chat; the bot sees it on its next getUpdates. Returns the update id. */
  pushUpdate({ chatId, userId, text }: InjectedMessage): number {
    const updateId = this.nextUpdateId++;
    const command = /^\/\S+/.exec(text);
    const messageId = this.nextMessageId++;
    this.present.add(`${chatId}:${messageId}`);
    if (!this.chats.has(String(chatId))) {
      this.addChat(chatId < 0 ? { id: chatId, type: 'supergroup', title: 'group' } : { id: chatId, type: 'private', first_name: `user${userId}` });
    }
    this.updates.push({
      update_id: updateId,
      message: {
        message_id: messageId, date: Math.floor(Date.now() / 1000), text,
        from: { id: userId, is_bot: false, first_name: `user${userId}` },
        chat: chatId < 0 ? { id: chatId, type: 'supergroup', title: 'group' } : { id: chatId, type: 'private', first_name: `user${userId}` },
        ...(command ? { entities: [{ offset: 0, length: command[0].length, type: 'bot_command' }] } : {}),
      },
    });
    for (const wake of [...this.pollers]) wake();
    return updateId;
  }

  /** A service message in `chat` (no text, no sender but the chat's creator), as the next update. */
  private pushMessage(chat: Json, fields: Json): void {
    const messageId = this.nextMessageId++;
    this.present.add(`${String(chat.id)}:${messageId}`);
    this.updates.push({
      update_id: this.nextUpdateId++,
      message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, from: { id: 1, is_bot: false, first_name: 'creator' }, ...fields },
    });
    for (const wake of [...this.pollers]) wake();
  }

  /** Refuses connections (closes the port and every open socket) until {@link resumeListening}. */
  async stopListening(): Promise<void> {
    for (const wake of [...this.pollers]) wake();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Listens again on the same port. */
  resumeListening(): Promise<void> {
    return this.listen();
  }

  /** Polls `condition` until it holds or `timeoutMs` passes (then throws naming `what`). */
  async waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`telegramFake: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    if (this.server.listening) await this.stopListening();
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params: Json = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    const body = raw.toString('utf8');
    const type = req.headers['content-type'] ?? '';
    const files: Record<string, FakePhoto> = {};
    const boundary = /multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(type)?.[2];
    if (type.includes('application/json') && body !== '') Object.assign(params, JSON.parse(body) as Json);
    else if (type.includes('application/x-www-form-urlencoded')) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    else if (boundary !== undefined) Object.assign(params, parseMultipart(raw, boundary, files));
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const method = (match?.[2] ?? '').toLowerCase();
    if (!match) return this.reply(res, method, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== this.options.token) return this.reply(res, method, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    switch (method) {
      case 'getme':
        return this.reply(res, method, 200, { ok: true, result: this.botUser() });
      case 'getchat': {
        const chatId = params.chat_id === undefined ? '' : String(params.chat_id);
        const movedTo = this.migrated.get(chatId);
        if (movedTo !== undefined) return this.reply(res, method, 400, migratedBody(movedTo), chatId);
        const chat = this.chats.get(chatId);
        if (chat === undefined) return this.reply(res, method, 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' }, chatId);
        return this.reply(res, method, 200, { ok: true, result: chat }, chatId);
      }
      case 'deletewebhook':
        return this.reply(res, method, 200, { ok: true, result: true, description: 'Webhook was deleted' });
      case 'setmycommands':
        this.commands = typeof params.commands === 'string' ? (JSON.parse(params.commands) as unknown[]) : (params.commands as unknown[]);
        return this.reply(res, method, 200, { ok: true, result: true });
      case 'getupdates':
        return this.getUpdates(req, res, params);
      case 'sendmessage':
        return this.sendMessage(res, params);
      case 'sendphoto':
        return this.sendPhoto(res, params, files);
      default:
        return this.reply(res, method, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private async getUpdates(req: IncomingMessage, res: ServerResponse, params: Json): Promise<void> {
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeoutSec = Number(params.timeout ?? 0);
    // An offset confirms every update below it: they are never returned again.
    while (offset > 0 && (this.updates[0]?.update_id as number) < offset) this.updates.shift();
    if (this.updates.length === 0 && timeoutSec > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.pollers.delete(wake);
          req.socket.off('close', wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutSec * 1000);
        this.pollers.add(wake);
        req.socket.once('close', wake);
      });
    }
    if (res.destroyed) return;
    this.reply(res, 'getupdates', 200, { ok: true, result: this.updates.slice(0, limit) });
  }

  private sendMessage(res: ServerResponse, params: Json): void {
    this.send(res, 'sendmessage', params);
  }

  /**
   * sendPhoto: `photo` must be an uploaded file (multipart, as telegraf sends a Buffer) holding a
   * PNG or JPEG, or a file_id string; `caption` is optional, at most 1024 characters after parsing.
   */
  private sendPhoto(res: ServerResponse, params: Json, files: Readonly<Record<string, FakePhoto>>): void {
    const attach = typeof params.photo === 'string' && params.photo.startsWith('attach://') ? params.photo.slice(9) : 'photo';
    const photo = files[attach] ?? (typeof params.photo === 'string' && !params.photo.startsWith('attach://') ? { data: Buffer.from(params.photo), fileName: 'file_id' } : undefined);
    this.send(res, 'sendphoto', params, photo ?? null);
  }

  private send(res: ServerResponse, method: 'sendmessage' | 'sendphoto', params: Json, photo?: FakePhoto | null): void {
    const now = Date.now();
    const chatId = params.chat_id === undefined ? '' : String(params.chat_id);
    const fail = (status: number, description: string, retryAfter?: number) => {
      if (status === 429) this.retryBlocked.set(chatId, now + (retryAfter ?? 1) * 1000);
      const parameters = retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } };
      this.reply(res, method, status, { ok: false, error_code: status, description, ...parameters }, chatId);
    };
    if (!/^(-?\d+|@\w{5,32})$/.test(chatId)) return fail(400, 'Bad Request: chat not found');
    const movedTo = this.migrated.get(chatId);
    if (movedTo !== undefined) return this.reply(res, method, 400, migratedBody(movedTo), chatId);
    const scripted = this.failures.findIndex((f) => f.chatId === undefined || f.chatId === chatId);
    if (scripted >= 0) {
      const f = this.failures.splice(scripted, 1)[0] as ScriptedFailure;
      const description = f.description ?? (f.status === 429 ? `Too Many Requests: retry after ${f.retryAfter ?? 1}` : DESCRIPTIONS[f.status] ?? 'Error');
      return fail(f.status, description, f.status === 429 ? f.retryAfter ?? 1 : undefined);
    }
    const limited = this.checkLimits(chatId, now);
    if (limited !== undefined) return fail(429, `Too Many Requests: retry after ${limited}`, limited);
    const isPhoto = method === 'sendphoto';
    const raw = isPhoto ? params.caption : params.text;
    const text = typeof raw === 'string' ? raw : '';
    const parseMode = typeof params.parse_mode === 'string' ? params.parse_mode : undefined;
    const parsed = parseMode?.toUpperCase() === 'HTML' ? parseTelegramHtml(text) : ({ ok: true, text } as const);
    if (!parsed.ok) return fail(400, `Bad Request: can't parse entities: ${parsed.error}`);
    if (isPhoto) {
      if (photo === undefined || photo === null) return fail(400, 'Bad Request: there is no photo in the request');
      if (photo.fileName !== 'file_id' && !isImage(photo.data)) return fail(400, 'Bad Request: IMAGE_PROCESS_FAILED');
      if (parsed.text.length > 1024) return fail(400, 'Bad Request: message caption is too long');
    } else {
      if (parsed.text.trim().length === 0) return fail(400, 'Bad Request: message text is empty');
      if (parsed.text.length > 4096) return fail(400, 'Bad Request: message is too long');
    }
    // Bot API 7.0: reply_parameters { message_id, allow_sending_without_reply }; the older top-level
    // reply_to_message_id / allow_sending_without_reply are still accepted.
    const reply = replyOf(params);
    let replyToMessageId: number | undefined;
    if (reply !== undefined) {
      if (this.present.has(`${chatId}:${reply.messageId}`)) replyToMessageId = reply.messageId;
      else if (!reply.allowWithout) return fail(400, 'Bad Request: message to be replied not found');
    }
    // A photo is a message like a text: a later reply may point at it.
    const messageId = this.nextMessageId++;
    this.present.add(`${chatId}:${messageId}`);
    const threadId = params.message_thread_id === undefined ? undefined : Number(params.message_thread_id);
    const silent = params.disable_notification === true || params.disable_notification === 'true';
    this.messages.push({
      messageId, chatId, text, plainText: parsed.text, ...(parseMode ? { parseMode } : {}), atMs: now,
      ...(replyToMessageId === undefined ? {} : { replyToMessageId }), ...(photo ? { photo } : {}),
      ...(threadId === undefined ? {} : { threadId }), ...(silent ? { silent: true as const } : {}),
    });
    this.accepted.set(chatId, [...(this.accepted.get(chatId) ?? []), now]);
    const chat = chatId.startsWith('-') ? { id: Number(chatId), type: 'supergroup', title: 'group' } : { id: Number(chatId), type: 'private' };
    const content = isPhoto
      ? { photo: [{ file_id: `photo${messageId}`, file_unique_id: `p${messageId}`, width: 960, height: 540 }], ...(parsed.text === '' ? {} : { caption: parsed.text }) }
      : { text: parsed.text };
    this.reply(res, method, 200, {
      ok: true,
      result: {
        message_id: messageId, from: this.botUser(), chat, date: Math.floor(now / 1000), ...content,
        ...(replyToMessageId === undefined ? {} : { reply_to_message: { message_id: replyToMessageId, chat } }),
      },
    }, chatId);
  }

  /** Seconds to wait when this send breaks a limit (recorded as a violation), else undefined. */
  private checkLimits(chatId: string, now: number): number | undefined {
    const limits = this.options.limits === undefined ? TELEGRAM_FAKE_LIMITS : this.options.limits;
    const blockedUntil = this.retryBlocked.get(chatId) ?? 0;
    if (now < blockedUntil) {
      this.violations.push({ rule: 'retry_after', chatId, atMs: now });
      return Math.ceil((blockedUntil - now) / 1000);
    }
    if (limits === false) return undefined;
    const times = this.accepted.get(chatId) ?? [];
    const last = times[times.length - 1];
    if (last !== undefined && now - last < limits.perChatGapMs) {
      this.violations.push({ rule: 'per_chat', chatId, atMs: now });
      return Math.max(1, Math.ceil((last + limits.perChatGapMs - now) / 1000));
    }
    const inWindow = times.filter((t) => t > now - limits.groupWindowMs);
    const oldest = inWindow[inWindow.length - limits.groupMax];
    if ((chatId.startsWith('-') || chatId.startsWith('@')) && oldest !== undefined) {
      this.violations.push({ rule: 'group', chatId, atMs: now });
      return Math.max(1, Math.ceil((oldest + limits.groupWindowMs - now) / 1000));
    }
    return undefined;
  }

  private botUser(): Json {
    return { id: Number(this.options.token.split(':')[0]), is_bot: true, first_name: 'SignalBot', username: 'signal_bot' };
  }

  private reply(res: ServerResponse, method: string, status: number, body: Json, chatId?: string): void {
    const description = typeof body.description === 'string' ? body.description : undefined;
    this.requests.push({ method, atMs: Date.now(), status, ...(chatId ? { chatId } : {}), ...(description ? { description } : {}) });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

/** Telegram's answer to a send or getChat naming a group that became a supergroup. */
function migratedBody(newId: number): Json {
  return { ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: newId } };
}

/** The message a sendMessage or sendPhoto answers, from `reply_parameters` (JSON or, in a form, a JSON string) or the legacy fields. */
function replyOf(params: Json): { messageId: number; allowWithout: boolean } | undefined {
  const raw = typeof params.reply_parameters === 'string' ? (JSON.parse(params.reply_parameters) as Json) : (params.reply_parameters as Json | undefined);
  const truthy = (v: unknown) => v === true || v === 'true';
  if (raw !== undefined && raw !== null && raw.message_id !== undefined) return { messageId: Number(raw.message_id), allowWithout: truthy(raw.allow_sending_without_reply) };
  if (params.reply_to_message_id !== undefined) return { messageId: Number(params.reply_to_message_id), allowWithout: truthy(params.allow_sending_without_reply) };
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** PNG or JPEG by their signatures: Telegram refuses a photo it cannot decode. */
function isImage(data: Buffer): boolean {
  return data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || (data[0] === 0xff && data[1] === 0xd8);
}

/**
 * A multipart/form-data body (RFC 7578): text fields returned, file parts (those with a filename)
 * put in `files` by field name.
 */
function parseMultipart(body: Buffer, boundary: string, files: Record<string, FakePhoto>): Json {
  const fields: Json = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const fileName = /filename="([^"]*)"/i.exec(headers)?.[1];
    const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    if (name !== undefined && fileName !== undefined) files[name] = { data: Buffer.from(data), fileName, ...(contentType ? { contentType } : {}) };
    else if (name !== undefined) fields[name] = data.toString('utf8');
    pos = next;
  }
  return fields;
}
