/** A text bar of `width` cells for the share of the work done (0…1): █ done, ░ still to go. */
export function progressBar(ratio: number, width = 30): string {
  const done = Math.round(Math.min(1, Math.max(0, Number.isFinite(ratio) ? ratio : 0)) * width);
  return '█'.repeat(done).padEnd(width, '░');
}

/**
 * Long CLI work (import, obligations) redraws one stderr line in place every `ms` with `render()`,
 * so stdout stays free for the result and can be piped. `stop` draws the final state once more and
 * ends the line; it may be called again (from a `finally`) without drawing twice.
 */
export function stderrProgress(render: () => string, ms = 200) {
  const draw = () => process.stderr.write(`\r${render()}   `);
  const timer = setInterval(draw, ms);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      draw();
      process.stderr.write('\n');
    },
  };
}
