import type { Logger } from 'pino';
import type { SchedulerLike } from 'rxjs';
import { refusalEndLine, refusalKind, refusalStartLine, refusalSummaryLine, type HttpRefusal, type RefusalKind } from './httpRefusalWording.js';
import { clockOf, durationOf } from './timeWords.js';

export type { HttpRefusal } from './httpRefusalWording.js';

/** What a person is told for each network error code of Node (see retryTransient's NETWORK_CODES). */
const REASONS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'DNS lookup failed', EAI_AGAIN: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'timed out', ECONNABORTED: 'timed out', ESOCKETTIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset', EPIPE: 'connection reset', UND_ERR_SOCKET: 'connection reset',
  EHOSTUNREACH: 'no route to the host', ENETUNREACH: 'no network', ENETDOWN: 'no network',
};

/** Summaries of a lasting outage come at most this often. */
const DEFAULT_SUMMARY_EVERY_MS = 5 * 60_000;

export interface OutageLogDeps {
  readonly logger: Logger;
  /** Its `now()` dates the outage. */
  readonly scheduler: SchedulerLike;
  /** The longest wait between two retries, said in the first line. */
  readonly retryAtLeastEveryMs: number;
  /** What a person can do meanwhile, for a host: `try \`npm run demo\` offline`; none: nothing said. */
  readonly hint?: (host: string) => string | undefined;
  readonly summaryEveryMs?: number;
}

interface Outage {
  readonly sinceMs: number;
  attempts: number;
  lastToldMs: number;
}

/** A run of refusing HTTP answers from a host that can be reached. */
interface Refusals extends Outage {
  kind: RefusalKind;
  /** Of the latest refusal. */
  status: number;
}

/** A host whose answers refuse requests now, and the status of its latest answer. */
export interface RefusingHost {
  readonly host: string;
  readonly status: number;
}

/**
 * One voice for "the exchange cannot be reached": REST calls and sockets that fail for a network
 * reason (DNS, refused, timeout, reset) report here instead of logging a warning with a stack per
 * retry. Per host: the first failure says so in one line (the reason, the retry cadence, a hint),
 * a lasting outage is summarised at most every `summaryEveryMs` (attempts, since when), and the
 * first success after it says the host is back.
 *
 * HTTP answers that refuse for a while (5xx, 429, 418, 403) get the same treatment through
 * {@link OutageLog.refused} and {@link OutageLog.answeredNormally}, apart from the network outages:
 * a host that answers 503 is reachable, and a socket opening on it says nothing of its REST answers.
 *
 * Its lines are meant to be read: the message is the sentence, the facts for machines sit in
 * `detail` (kept in JSON lines, left out of readable ones).
 */
export class OutageLog {
  private readonly outages = new Map<string, Outage>();
  private readonly refusals = new Map<string, Refusals>();

  constructor(private readonly deps: OutageLogDeps) {}

  /** Whether `code` is a network failure this log speaks for (else the caller logs it itself). */
  static covers(code: string | undefined): boolean {
    return code !== undefined && REASONS[code] !== undefined;
  }

  /** A call to `host` failed with the Node error `code`; false (and nothing logged) when that is no network failure. */
  failed(host: string, code: string | undefined): boolean {
    if (code === undefined || !OutageLog.covers(code)) return false;
    const { logger, scheduler } = this.deps;
    const nowMs = scheduler.now();
    const outage = this.outages.get(host);
    if (outage === undefined) {
      this.outages.set(host, { sinceMs: nowMs, attempts: 1, lastToldMs: nowMs });
      const hint = this.deps.hint?.(host);
      const retry = `retrying at least every ${Math.round(this.deps.retryAtLeastEveryMs / 1000)} s`;
      logger.warn({ detail: { host, code, attempts: 1, sinceMs: nowMs } }, `cannot reach ${host}: ${REASONS[code]}; ${retry}${hint ? `; ${hint}` : ''}`);
      return true;
    }
    outage.attempts += 1;
    if (nowMs - outage.lastToldMs >= (this.deps.summaryEveryMs ?? DEFAULT_SUMMARY_EVERY_MS)) {
      outage.lastToldMs = nowMs;
      logger.warn(
        { detail: { host, code, attempts: outage.attempts, sinceMs: outage.sinceMs } },
        `still cannot reach ${host}: ${REASONS[code]} (${outage.attempts} attempts since ${clockOf(outage.sinceMs)})`,
      );
    }
    return true;
  }

  /** A call to `host` succeeded: ends its outage, if any, with one line. */
  reached(host: string): void {
    const outage = this.outages.get(host);
    if (outage === undefined) return;
    this.outages.delete(host);
    const nowMs = this.deps.scheduler.now();
    this.deps.logger.info(
      { detail: { host, attempts: outage.attempts, sinceMs: outage.sinceMs } },
      `reached ${host} again after ${durationOf(nowMs - outage.sinceMs)} (${outage.attempts} failed attempts since ${clockOf(outage.sinceMs)})`,
    );
  }

  /**
   * `host` answered a request with a refusal; false (and nothing logged) when its status is none
   * (a 400 says the request is wrong: the caller logs it). The first refusal of a run says so in one
   * line (an error for a ban), a lasting run is summarised at most every `summaryEveryMs`, and a
   * change of kind (503s turning into 429s) is told as it comes, the count going on.
   */
  refused(host: string, refusal: HttpRefusal): boolean {
    const kind = refusalKind(refusal.status);
    if (kind === undefined) return false;
    const { logger, scheduler } = this.deps;
    const nowMs = scheduler.now();
    const run = this.refusals.get(host);
    const { status, retryAfterMs, bannedUntilMs } = refusal;
    const facts = (attempts: number, sinceMs: number) => ({ detail: { host, status, attempts, sinceMs, retryAfterMs, bannedUntilMs } });
    if (run === undefined || run.kind !== kind) {
      const next: Refusals = { kind, status, sinceMs: run?.sinceMs ?? nowMs, attempts: (run?.attempts ?? 0) + 1, lastToldMs: nowMs };
      this.refusals.set(host, next);
      logger[kind === 'banned' ? 'error' : 'warn'](facts(next.attempts, next.sinceMs), refusalStartLine(refusal, nowMs, this.deps.retryAtLeastEveryMs));
      return true;
    }
    run.attempts += 1;
    run.status = status;
    if (nowMs - run.lastToldMs >= (this.deps.summaryEveryMs ?? DEFAULT_SUMMARY_EVERY_MS)) {
      run.lastToldMs = nowMs;
      logger.warn(facts(run.attempts, run.sinceMs), refusalSummaryLine(refusal, run.attempts, run.sinceMs, nowMs));
    }
    return true;
  }

  /** `host` answered a request normally: ends its run of refusals, if any, with one line. */
  answeredNormally(host: string): void {
    const run = this.refusals.get(host);
    if (run === undefined) return;
    this.refusals.delete(host);
    const nowMs = this.deps.scheduler.now();
    this.deps.logger.info({ detail: { host, attempts: run.attempts, sinceMs: run.sinceMs } }, refusalEndLine(run.attempts, run.sinceMs, nowMs));
  }

  /** Hosts that cannot be reached now (for the heartbeat and health); one that refuses is reachable. */
  unreachable(): string[] {
    return [...this.outages.keys()];
  }

  /** Hosts that answer with refusals now (for the heartbeat). */
  refusing(): RefusingHost[] {
    return [...this.refusals].map(([host, run]) => ({ host, status: run.status }));
  }
}
