/**
 * The exit codes of every `kyma-backup` command (listed in each command's
 * `--help` and in docs/cli.md).
 */
export const ExitCode = {
  /** Everything was done (and, where the command waits, everything ended well). */
  OK: 0,
  /** The cluster did what was asked, but the result is not good: a location not `Available` in time, a Backup that did not complete. */
  FAILED: 1,
  /** Wrong use or refused input: an unknown option, a missing directory, a manifest that cannot be read, a Restore given to `apply`. */
  USAGE: 2,
  /** The cluster cannot be reached or refused a request: no kubeconfig, an unknown context, the API server down or refusing an object. */
  CLUSTER: 3,
  /** A fault of kyma-backup itself (please report it). */
  INTERNAL: 4,
} as const;

export type ExitCodeValue = typeof ExitCode[keyof typeof ExitCode];

/** The exit codes as `--help` lists them. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  done (with --wait: every Backup Completed)',
  '  1  done, but not well: a storage location not Available in time, a Backup that ended other than Completed or timed out',
  '  2  wrong use or refused input: bad option, missing directory, unreadable manifest, a Restore (see the restore runbook)',
  '  3  the cluster: no kubeconfig or context, API server unreachable, a request refused',
  '  4  a fault of kyma-backup itself',
].join('\n');

/** An error a command reports as one clear message, and the exit code it ends with. */
export class CliError extends Error {
  constructor(message: string, public readonly exitCode: ExitCodeValue) {
    super(message);
    this.name = 'CliError';
  }
}
