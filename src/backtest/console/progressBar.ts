/** Where the bar is drawn: stderr in the CLI. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** Milliseconds; `Date.now` in the CLI, a fake in tests. */
  readonly now: () => number;
  /** The bar appears once a run has taken this long (a short run never shows one). */
  readonly showAfterMs?: number;
  readonly width?: number;
}

/** One run's bar: `update` as candles are replayed, `done` when the run ends (clears the line). */
export interface RunProgress {
  update(done: number, total: number): void;
  done(): void;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * A progress bar per run on a terminal: `seed, memory on  [######······]  48 %  about 3 s left`,
 * redrawn in place (`\r`), shown only after `showAfterMs` (default 1 s) and only when the stream is
 * a TTY (nothing at all off a terminal: logs and pipes stay clean). The ETA extrapolates the
 * rate so far.
 */
export function progressFor(label: string, o: ProgressOptions): RunProgress {
  const enabled = o.stream.isTTY === true;
  const showAfterMs = o.showAfterMs ?? 1000;
  const width = o.width ?? 30;
  const startedMs = o.now();
  let shown = false;
  let lastText = '';
  return {
    update(done, total) {
      if (!enabled || total <= 0) return;
      const elapsed = o.now() - startedMs;
      if (elapsed < showAfterMs) return;
      const share = Math.min(1, done / total);
      const filled = Math.round(share * width);
      const eta = share > 0 ? (elapsed / share) * (1 - share) : 0;
      const text = `${label}  [${'#'.repeat(filled)}${'·'.repeat(width - filled)}]  ${String(Math.floor(share * 100)).padStart(3)} %  about ${duration(eta)} left`;
      if (text === lastText) return;
      lastText = text;
      shown = true;
      o.stream.write(`\r${text}\x1b[K`);
    },
    done() {
      if (shown) o.stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
