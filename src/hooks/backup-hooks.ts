import { Duration } from 'cdk8s';
import { BackupNamespaces } from '../core/namespaces';
import { formatGoDuration } from '../time/go-duration';
import { LabelSelector } from '../core/label-selector';

/** What Velero does when an exec hook fails (`onError`). */
export enum HookErrorMode {
  /** Log the failure and go on with the backup. */
  CONTINUE = 'Continue',
  /** Fail the backup. Velero's default. */
  FAIL = 'Fail',
}

/** A command Velero runs in a pod's container before or after backing it up. */
export interface ExecHook {
  /** The command and its arguments (not run through a shell). */
  readonly command: string[];
  /**
   * The container to run the command in.
   *
   * @default - the pod's first container
   */
  readonly container?: string;
  /**
   * What to do when the command fails.
   *
   * @default - Velero's default, `Fail`
   */
  readonly onError?: HookErrorMode;
  /**
   * How long to wait for the command before treating it as failed.
   *
   * @default - Velero's default, 30 seconds
   */
  readonly timeout?: Duration;
}

/**
 * Hooks for the pods a backup selects, by namespace, resource and label
 * (Velero `BackupResourceHookSpec`).
 */
export interface BackupResourceHook {
  /** A name for this hook set, unique within the backup. */
  readonly name: string;
  /**
   * Namespaces whose pods the hooks apply to.
   *
   * @default - all namespaces
   */
  readonly includedNamespaces?: BackupNamespaces;
  /**
   * Namespaces whose pods are left out.
   *
   * @default - none
   */
  readonly excludedNamespaces?: BackupNamespaces;
  /**
   * Resources the hooks apply to.
   *
   * @default - all resources
   */
  readonly includedResources?: string[];
  /**
   * Resources left out.
   *
   * @default - none
   */
  readonly excludedResources?: string[];
  /**
   * Only pods with matching labels.
   *
   * @default - pods are not filtered by label
   */
  readonly labelSelector?: LabelSelector;
  /**
   * Commands run before the pod is backed up.
   *
   * @default - none
   */
  readonly pre?: ExecHook[];
  /**
   * Commands run after the pod is backed up.
   *
   * @default - none
   */
  readonly post?: ExecHook[];
}

/** An exec hook as Velero's spec writes it. */
export function renderExecHook(hook: ExecHook): { exec: any } {
  return {
    exec: {
      command: [...hook.command],
      container: hook.container,
      // The generated enums for Backup and Schedule hooks are distinct types
      // holding the same strings; ours is rendered by value.
      onError: hook.onError,
      timeout: hook.timeout && formatGoDuration(hook.timeout),
    },
  };
}
