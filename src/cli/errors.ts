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

/** The exit codes as the root's `--help` lists them: what they mean for every command. */
export const ROOT_EXIT_CODES_HELP = [
  'Exit codes (each command\'s --help gives its own):',
  '  0  done, and all is well',
  '  1  done, but not well: a location not Available, a Backup or Restore not Completed, pre-flight problems, objects missing, a Schedule overdue',
  '  2  wrong use or refused input: bad option, missing directory, unreadable manifest, a manifest of the wrong kind',
  '  3  the cluster: no kubeconfig or context, API server unreachable, a request refused',
  '  4  a fault of kyma-backup itself',
].join('\n');

/** The exit codes of `kyma-backup restore`. */
export const RESTORE_EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  every phase Completed (with --dry-run: pre-flight passed and every resource list was read)',
  '  1  pre-flight found a problem (nothing was applied), or a Restore ended other than Completed or timed out (later phases not applied)',
  '  2  wrong use or refused input: bad option, missing directory, a manifest that is not of a restore plan, no --yes without a terminal',
  '  3  the cluster: no kubeconfig or context, API server unreachable, a request refused',
  '  4  a fault of kyma-backup itself',
].join('\n');

/** The exit codes of `kyma-backup verify`. */
export const VERIFY_EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  every object each Restore restored is in the cluster',
  '  1  an object is missing, or a Restore does not exist, has not ended, or has no resource list',
  '  2  wrong use: bad option, no Restore named',
  '  3  the cluster: no kubeconfig or context, API server unreachable, a request refused',
  '  4  a fault of kyma-backup itself',
].join('\n');

/** The exit codes of `kyma-backup status`. */
export const STATUS_EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  every location Available, no Schedule overdue, no last backup failed (warnings, such as a paused Schedule, do not count)',
  '  1  a location not Available, a Schedule overdue or invalid, a Schedule\'s last backup PartiallyFailed, Failed or FailedValidation, or a stopped backup queue (velero#10519)',
  '  2  wrong use: bad option',
  '  3  the cluster: no kubeconfig or context, API server unreachable, a request refused',
  '  4  a fault of kyma-backup itself',
].join('\n');
