import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { Telegram } from 'telegraf';
import type { ParseMode } from '../sqlite/outboxRepo.js';
import { framedMessage, type ConsoleFrameOptions } from './consoleFrame.js';
import { toDeliveryError } from './deliveryError.js';
import { htmlToPlainText } from './templates/html.js';

/** One message to deliver. */
export interface OutgoingMessage {
  readonly chatId: string;
  readonly text: string;
  readonly parseMode: ParseMode;
  /** Sent as a reply to this message of the chat (still sent if Telegram no longer has it). */
  readonly replyToMessageId?: number | null;
  /** Sent as a photo (sendPhoto, multipart upload) with `text` as its caption; empty text: no caption. */
  readonly photo?: OutgoingPhoto;
  /** The forum topic of the chat (message_thread_id). */
  readonly threadId?: number | null;
  /** Delivered without sound (disable_notification). */
  readonly silent?: boolean;
}

/** A PNG to upload, and the file name it gets (the console sink's file, Telegram's attachment name). */
export interface OutgoingPhoto {
  readonly png: Uint8Array;
  readonly fileName: string;
}

/** What a confirmed send returns: Telegram's id for the message (none from the console). */
export interface SentMessage {
  readonly messageId?: number;
}

/**
 * Where the outbox sender delivers: the Bot API, or the console when no token is configured.
 * `send` resolves when the message is confirmed and rejects with a TelegramDeliveryError.
 */
export interface MessageTransport {
  /** Whether Telegram's pacing applies (the console has no rate limit). */
  readonly paced: boolean;
  send(message: OutgoingMessage): Promise<SentMessage>;
}

export interface TelegramTransportOptions {
  readonly token: string;
  /** TELEGRAM_API_ROOT; the fake's `http://127.0.0.1:PORT` in tests. */
  readonly apiRoot: string;
}

/** Bot API chat ids are integers unless they name a channel (`@name`). */
function chatIdParam(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) && Number.isSafeInteger(Number(chatId)) ? Number(chatId) : chatId;
}

/**
 * Sends with telegraf's `Telegram` client (no retries, no throttle of its own: the sender paces).
 * Errors are rethrown as TelegramDeliveryError with the token redacted.
 */
export function telegramTransport({ token, apiRoot }: TelegramTransportOptions): MessageTransport & { readonly telegram: Telegram } {
  const telegram = new Telegram(token, { apiRoot });
  return {
    paced: true,
    telegram,
    async send({ chatId, text, parseMode, replyToMessageId, photo, threadId, silent }) {
      try {
        const thread = { ...(threadId == null ? {} : { message_thread_id: threadId }), ...(silent === true ? { disable_notification: true } : {}) };
        // Bot API 7.0 replaced reply_to_message_id with reply_parameters; allow_sending_without_reply
        // keeps a result from failing (400 "message to be replied not found") when its signal was deleted.
        const replyParameters = replyToMessageId == null ? {} : { reply_parameters: { message_id: replyToMessageId, allow_sending_without_reply: true } };
        if (photo !== undefined) {
          // The photo's id is kept like a text's: a signal's result replies to its chart card.
          const sent = await telegram.sendPhoto(chatIdParam(chatId), { source: Buffer.from(photo.png), filename: photo.fileName }, {
            ...(text === '' ? {} : { caption: text }),
            ...(parseMode === null || text === '' ? {} : { parse_mode: parseMode }),
            ...replyParameters,
            ...thread,
          });
          return { messageId: sent.message_id };
        }
        const sent = await telegram.sendMessage(chatIdParam(chatId), text, {
          ...(parseMode === null ? {} : { parse_mode: parseMode }),
          link_preview_options: { is_disabled: true },
          ...replyParameters,
          ...thread,
        });
        return { messageId: sent.message_id };
      } catch (err) {
        throw toDeliveryError(err, [token]);
      }
    },
  };
}

/** Where the console sink writes chart cards when not told otherwise. */
export const DEFAULT_CHART_DIR = join(tmpdir(), 'kline-signals-charts');

/**
 * The console sink used when TELEGRAM_BOT_TOKEN is unset: the same texts, HTML tags stripped,
 * one blank line between messages. A photo is written to `chartDir` and its path printed first
 * (`📈 /path/signal-42.png`). It goes through the outbox like Telegram, so the path is the same.
 * With `frame` (readable logs on a terminal) each message is a framed block instead.
 */
export function consoleTransport(out: Writable = process.stdout, chartDir: string = DEFAULT_CHART_DIR, frame?: ConsoleFrameOptions): MessageTransport {
  // Framed on a terminal, so a message stands apart from readable log lines; plain otherwise.
  const block = (text: string) => (frame === undefined ? `${text}\n\n` : framedMessage(text, frame));
  const write = (line: string) =>
    new Promise<void>((resolve, reject) => {
      out.write(line, (err) => (err ? reject(toDeliveryError(err, [])) : resolve()));
    });
  return {
    paced: false,
    async send({ text, parseMode, photo }) {
      const plain = parseMode === 'HTML' ? htmlToPlainText(text) : text;
      if (photo !== undefined) {
        const path = join(chartDir, photo.fileName);
        try {
          await mkdir(chartDir, { recursive: true });
          await writeFile(path, photo.png);
        } catch (err) {
          throw toDeliveryError(err, []);
        }
        await write(block(plain === '' ? `📈 ${path}` : `📈 ${path}\n${plain}`));
        return {};
      }
      await write(block(plain));
      return {};
    },
  };
}
