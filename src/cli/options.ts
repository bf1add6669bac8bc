// The options of the commands, apart from what runs them (so that the
// command-line parser loads without the Kubernetes client).

export interface KubeOptions {
  /** --kubeconfig: a file; otherwise $KUBECONFIG (a list of files, merged as kubectl does), then ~/.kube/config, then in-cluster. */
  readonly kubeconfig?: string;
  /** --context: a context of the kubeconfig; otherwise its current context. */
  readonly context?: string;
}

export interface ApplyOptions extends KubeOptions {
  readonly directory: string;
  readonly namespace: string;
  readonly wait: boolean;
  /** How long to wait for each new or changed storage location to be `Available`, in ms. */
  readonly locationTimeoutMs: number;
  /** With --wait: how long to wait for all Backups together, in ms. */
  readonly backupTimeoutMs: number;
  /** How often to read a location or Backup while waiting, in ms. */
  readonly pollMs?: number;
  /** With --wait: after how long Backups Queued with none running count as a stopped queue (a warning), in ms. */
  readonly queueStallMs?: number;
}

export interface RestoreOptions extends KubeOptions {
  /** The restore plan's directory (KymaRestorePlan's output, one file per phase). */
  readonly directory: string;
  readonly namespace: string;
  /** Pause every running Schedule first, and say so. */
  readonly pauseSchedules: boolean;
  /** Do not ask before applying. */
  readonly yes: boolean;
  /** Pre-flight, then what each phase would bring back; nothing is applied. */
  readonly dryRun: boolean;
  /** How long to wait for each phase's Restores to end, in ms. */
  readonly timeoutMs: number;
  readonly pollMs?: number;
}

export interface VerifyOptions extends KubeOptions {
  readonly restores: readonly string[];
  readonly namespace: string;
}

export interface StatusOptions extends KubeOptions {
  readonly namespace: string;
  /** Added to a Schedule's longest interval before its last success counts as overdue, in ms. */
  readonly marginMs: number;
}
