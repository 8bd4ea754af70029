/**
 * A one-line progress bar redrawn in place on a terminal; elsewhere (a log file, CI) a plain line
 * every tenth of the way, so logs stay readable.
 */
export interface ProgressBar {
  update(done: number, total: number, detail: string): void;
  finish(): void;
}

const WIDTH = 30;
const REDRAW_MS = 100;

const seconds = (ms: number) =>
  ms >= 60_000
    ? `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`
    : `${(ms / 1000).toFixed(1)}s`;

export function progressBar(stream: NodeJS.WriteStream, label: string, now = () => Date.now()): ProgressBar {
  const started = now();
  let drawnAt = 0;
  let lastTenth = -1;
  let drawn = false;
  const line = (done: number, total: number, detail: string) => {
    const elapsed = now() - started;
    const rate = elapsed > 0 ? (done * 1000) / elapsed : 0;
    const eta = rate > 0 ? ((total - done) * 1000) / rate : 0;
    const filled = total > 0 ? Math.round((WIDTH * done) / total) : WIDTH;
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}  ${rate.toFixed(1)}/s  eta ${seconds(eta)}  ${detail}`;
  };
  return {
    update(done, total, detail) {
      if (stream.isTTY) {
        if (done < total && now() - drawnAt < REDRAW_MS) return;
        drawnAt = now();
        drawn = true;
        stream.write(`\r${line(done, total, detail)}\x1b[K`);
        return;
      }
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${line(done, total, detail)}\n`);
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
