/**
 * Progress of a batch on the command line: a bar redrawn in place on a terminal (rows done, letters per second,
 * time left), plain lines every few seconds when the output is a file or a pipe.
 */
import type { BatchProgress } from './run.ts';

/** Returns « 1 min 05 s », « 42 s ». */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Returns the one-line state of a batch: « 420 / 1000 lignes (412 courriers, 8 refusées) · 5,3 lignes/s · reste 1 min 49 s ». */
export function progressLine(p: BatchProgress): string {
  const rate = p.ecoulesMs > 0 ? p.faites / (p.ecoulesMs / 1000) : 0;
  const left = rate > 0 ? formatDuration(((p.total - p.faites) / rate) * 1000) : '…';
  const rateText = rate.toFixed(1).replace('.', ',');
  return `${p.faites} / ${p.total} lignes (${p.produites} courrier${p.produites > 1 ? 's' : ''}, ${p.refusees} refusée${p.refusees > 1 ? 's' : ''}) · ${rateText} lignes/s · reste ${left}`;
}

/** Returns a progress callback writing to `out`: a bar on a terminal, a line every `intervalMs` otherwise. */
export function progressReporter(out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, intervalMs = 5000): { update: (p: BatchProgress) => void; end: () => void } {
  let last = 0;
  let drawn = false;
  const tty = out.isTTY === true;
  return {
    update(p) {
      const now = performance.now();
      const finished = p.faites === p.total;
      if (!finished && now - last < (tty ? 100 : intervalMs)) return;
      last = now;
      if (tty) {
        const width = 24;
        const filled = p.total === 0 ? width : Math.round((p.faites / p.total) * width);
        const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${progressLine(p)}`;
        out.write(`\r${line.slice(0, Math.max(20, (out.columns ?? 120) - 1))}\u001b[K`);
        drawn = true;
      } else {
        out.write(`${progressLine(p)}\n`);
      }
    },
    end() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
}
