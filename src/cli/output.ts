/** Where a command writes: progress for people, and one result for scripts (`--output json`). */
export interface Output {
  /** A line of progress: stdout for `--output text`, stderr for `--output json` (stdout is the JSON alone). */
  log(line: string): void;
  /** The command's result: printed as JSON with `--output json`, nothing otherwise (the progress said it). */
  result(value: unknown): void;
}

export type OutputFormat = 'text' | 'json';

export function consoleOutput(format: OutputFormat): Output {
  return {
    log: line => (format === 'json' ? process.stderr : process.stdout).write(`${line}\n`),
    result: value => {
      if (format === 'json') process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}
