import { Duration } from 'cdk8s';
import { BackupSpec } from '../../imports/velero.io';
import { LABEL_SELECTOR_TYPE, LabelSelector } from '../core/label-selector';
import { BackupNamespaces, NAMESPACES_TYPE } from '../core/namespaces';
import { PropType, STRINGS, structShape } from '../private/props-check';
import { formatGoDuration } from '../time/go-duration';

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

/** The run-time shape of `ExecHook`. */
export const EXEC_HOOK_TYPE: PropType = {
  struct: structShape('ExecHook', { command: { required: STRINGS }, container: 'literal', onError: { oneOf: Object.values(HookErrorMode) }, timeout: 'duration' }),
};

/** The run-time shape of `BackupResourceHook`. */
export const BACKUP_RESOURCE_HOOK_TYPE: PropType = {
  struct: structShape('BackupResourceHook', {
    name: { required: 'string' },
    includedNamespaces: NAMESPACES_TYPE,
    excludedNamespaces: NAMESPACES_TYPE,
    includedResources: STRINGS,
    excludedResources: STRINGS,
    labelSelector: LABEL_SELECTOR_TYPE,
    pre: { list: EXEC_HOOK_TYPE },
    post: { list: EXEC_HOOK_TYPE },
  }),
};

/** An exec hook (a struct, so rendered here rather than by a method) as Velero's spec writes it. */
export function execHookToVelero(hook: ExecHook): { exec: any } {
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

/** A hook set as Velero's `BackupSpec.hooks.resources` writes it. */
export function backupResourceHookToVelero(hook: BackupResourceHook): NonNullable<NonNullable<BackupSpec['hooks']>['resources']>[number] {
  return {
    name: hook.name,
    includedNamespaces: hook.includedNamespaces?._toVelero(),
    excludedNamespaces: hook.excludedNamespaces?._toVelero(),
    includedResources: hook.includedResources && [...hook.includedResources],
    excludedResources: hook.excludedResources && [...hook.excludedResources],
    labelSelector: hook.labelSelector?._toVelero(),
    pre: hook.pre?.map(execHookToVelero),
    post: hook.post?.map(execHookToVelero),
  };
}
