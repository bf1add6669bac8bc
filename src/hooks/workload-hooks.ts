import { Duration } from 'cdk8s';
import { ExecHook, HookErrorMode } from './backup-hooks';

/** Where a workload-bound hook is written. */
export enum WorkloadHookForm {
  /** In the backup's spec (`hooks.resources`), selecting the workload's pods by namespace and labels. */
  BACKUP_SPEC = 'backup-spec',
  /**
   * As Velero's pod annotations (`pre.hook.backup.velero.io/command` …) on the
   * workload's pod template, so that every backup of its pods runs them. One
   * pre and one post command at most.
   */
  POD_ANNOTATIONS = 'pod-annotations',
}

/** The commands of a workload-bound hook. */
export interface WorkloadHookOptions {
  /**
   * A name for the hook, unique within the backup.
   *
   * @default - the workload's object name
   */
  readonly name?: string;
  /**
   * Commands run before the pods are backed up.
   *
   * @default - none
   */
  readonly pre?: ExecHook[];
  /**
   * Commands run after the pods are backed up.
   *
   * @default - none
   */
  readonly post?: ExecHook[];
  /**
   * Where the hook is written.
   *
   * @default WorkloadHookForm.BACKUP_SPEC
   */
  readonly form?: WorkloadHookForm;
}

/** Presets for the common consistency hooks. */
export class WorkloadHooks {
  /**
   * Freezes a mounted file system before the backup and thaws it after
   * (`fsfreeze --freeze` / `--unfreeze`), the pair Velero documents for
   * consistent volume snapshots. The container needs the privileges fsfreeze
   * needs; the thaw runs even when the backup of the pod failed (onError Continue).
   */
  public static fsfreeze(container: string, mountPath: string): WorkloadHookOptions {
    return {
      pre: [{ container, command: ['/sbin/fsfreeze', '--freeze', mountPath], onError: HookErrorMode.FAIL, timeout: Duration.seconds(30) }],
      post: [{ container, command: ['/sbin/fsfreeze', '--unfreeze', mountPath], onError: HookErrorMode.CONTINUE }],
    };
  }

  /**
   * PostgreSQL: a `CHECKPOINT` before the backup, so the data files on disk
   * are current, run with `psql` as the given user.
   */
  public static postgresCheckpoint(container: string, user: string = 'postgres'): WorkloadHookOptions {
    return { pre: [{ container, command: ['psql', '-U', user, '-c', 'CHECKPOINT'], onError: HookErrorMode.FAIL, timeout: Duration.minutes(2) }] };
  }

  /**
   * PostgreSQL: a logical dump (`pg_dump -Fc`) to a file in the pod before the
   * backup, so that a volume backup carries a consistent dump.
   */
  public static postgresDump(container: string, database: string, file: string, user: string = 'postgres'): WorkloadHookOptions {
    return {
      pre: [{ container, command: ['pg_dump', '-U', user, '-Fc', '-f', file, database], onError: HookErrorMode.FAIL, timeout: Duration.minutes(30) }],
    };
  }

  /**
   * MySQL: `FLUSH TABLES WITH READ LOCK` before the backup and `UNLOCK TABLES`
   * after. Each hook is a session of its own, so the read lock ends with the
   * pre hook's command: this flushes the tables to disk; to hold writes during
   * a snapshot, pair it with `fsfreeze`.
   */
  public static mysqlFlushTables(container: string): WorkloadHookOptions {
    return {
      pre: [{ container, command: ['mysql', '-e', 'FLUSH TABLES WITH READ LOCK'], onError: HookErrorMode.FAIL, timeout: Duration.minutes(2) }],
      post: [{ container, command: ['mysql', '-e', 'UNLOCK TABLES'], onError: HookErrorMode.CONTINUE }],
    };
  }
}
