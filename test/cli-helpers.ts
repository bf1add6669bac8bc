// What the command line's unit tests share.
import { CliError, ExitCode } from '../src/cli/errors';

/** The CliError a call throws for wrong use (exit 2); fails the test when it throws nothing or something else. */
export function usageError(fn: () => unknown): CliError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(ExitCode.USAGE);
    return e as CliError;
  }
  throw new Error('expected a usage error');
}
