/** Where a command writes: progress for people, and one result for scripts (`--output json`). */
export interface Output {
  /** Whether progress goes to a terminal, where one line can be rewritten in place. */
  readonly tty?: boolean;
  /** A line of progress: stdout for `--output text`, stderr for `--output json` (stdout is the JSON alone). */
  log(line: string): void;
  /** The command's result: printed as JSON with `--output json`, nothing otherwise (the progress said it). */
  result(value: unknown): void;
  /** On a terminal: rewrites the current progress line; `undefined` ends it (the next log starts a new line). */
  progress(line: string | undefined): void;
}

export type OutputFormat = 'text' | 'json';

export function consoleOutput(format: OutputFormat): Output {
  const stream = format === 'json' ? process.stderr : process.stdout;
  let open = false;
  const endProgress = () => {
    if (open) stream.write('\n');
    open = false;
  };
  return {
    tty: stream.isTTY === true,
    log: line => {
      endProgress();
      stream.write(`${line}\n`);
    },
    progress: line => {
      if (line === undefined) return endProgress();
      // Cut to the terminal's width, so that \r returns to the line's start.
      const width = (stream as NodeJS.WriteStream).columns || 200;
      stream.write(`\r\x1b[K${line.length >= width ? `${line.slice(0, width - 2)}…` : line}`);
      open = true;
    },
    result: value => {
      endProgress();
      if (format === 'json') process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}
