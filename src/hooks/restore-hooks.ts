import { Duration } from 'cdk8s';
import { HookErrorMode } from './backup-hooks';
import { LABEL_SELECTOR_TYPE, LabelSelector } from '../core/label-selector';
import { PropType, PropsShape, STRINGS, anchored, argumentProblems, structShape } from '../private/props-check';
import { formatGoDuration } from '../time/go-duration';
import { Problem } from '../validation/problem';

/** Which restored pods a restore hook runs in. */
export interface RestoreHookSelection {
  /** A name for the hook set, unique within the restore. */
  readonly name: string;
  /**
   * Namespaces whose pods the hooks apply to.
   *
   * @default - all namespaces
   */
  readonly includedNamespaces?: string[];
  /**
   * Namespaces whose pods are left out.
   *
   * @default - none
   */
  readonly excludedNamespaces?: string[];
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
}

/** The run-time shape of `RestoreHookSelection`. */
const SELECTION_SHAPE: PropsShape = structShape('RestoreHookSelection', {
  name: { required: 'string' },
  includedNamespaces: STRINGS,
  excludedNamespaces: STRINGS,
  includedResources: STRINGS,
  excludedResources: STRINGS,
  labelSelector: LABEL_SELECTOR_TYPE,
});

/** A command run in a restored pod's container once it is running. */
export interface RestoreExecHookOptions extends RestoreHookSelection {
  /** The command and its arguments (not run through a shell). */
  readonly command: string[];
  /**
   * The container to run it in.
   *
   * @default - the pod's first container
   */
  readonly container?: string;
  /**
   * What to do when the command fails.
   *
   * @default - Velero's default, Continue
   */
  readonly onError?: HookErrorMode;
  /**
   * How long the command may run.
   *
   * @default - Velero's default, 30 seconds
   */
  readonly execTimeout?: Duration;
  /**
   * How long to wait for the container to be ready before running the command.
   *
   * @default - no limit
   */
  readonly waitTimeout?: Duration;
  /**
   * Whether to wait for the container to be ready, not just running.
   *
   * @default - not set: running is enough
   */
  readonly waitForReady?: boolean;
}

/** The run-time shape of `RestoreExecHookOptions`. */
const EXEC_OPTIONS_SHAPE: PropsShape = structShape('RestoreExecHookOptions', {
  ...SELECTION_SHAPE,
  command: { required: STRINGS },
  container: 'string',
  onError: { oneOf: Object.values(HookErrorMode) },
  execTimeout: 'duration',
  waitTimeout: 'duration',
  waitForReady: 'boolean',
});

/** Init containers added to restored pods, run before their own containers. */
export interface RestoreInitHookOptions extends RestoreHookSelection {
  /** The init containers, as Kubernetes `Container` objects (name and image at least). */
  readonly initContainers: any[];
  /**
   * How long the init containers may take.
   *
   * @default - no limit
   */
  readonly timeout?: Duration;
}

/** The run-time shape of `RestoreInitHookOptions`. */
const INIT_OPTIONS_SHAPE: PropsShape = structShape('RestoreInitHookOptions', {
  ...SELECTION_SHAPE,
  initContainers: { required: { list: 'object' } },
  timeout: 'duration',
});

/** A hook Velero runs in the pods it restores (Velero `RestoreResourceHookSpec`). */
export class RestoreHook {
  /** Runs a command in a restored container. */
  public static exec(options: RestoreExecHookOptions): RestoreHook {
    const problems = argumentProblems('RestoreHook.exec', [['options', options, { required: { struct: EXEC_OPTIONS_SHAPE } }]], true);
    // Wrong options write an empty hook; the synth fails on the problems.
    if (problems.length > 0) return new RestoreHook({ name: '' }, {}, problems);
    return new RestoreHook(options, {
      exec: {
        command: [...options.command],
        container: options.container,
        onError: options.onError,
        execTimeout: options.execTimeout && formatGoDuration(options.execTimeout),
        waitTimeout: options.waitTimeout && formatGoDuration(options.waitTimeout),
        waitForReady: options.waitForReady,
      },
    }, []);
  }

  /** Adds init containers to restored pods. */
  public static init(options: RestoreInitHookOptions): RestoreHook {
    const problems = argumentProblems('RestoreHook.init', [['options', options, { required: { struct: INIT_OPTIONS_SHAPE } }]], true);
    if (problems.length > 0) return new RestoreHook({ name: '' }, {}, problems);
    return new RestoreHook(options, {
      init: { initContainers: [...options.initContainers], timeout: options.timeout && formatGoDuration(options.timeout) },
    }, []);
  }

  private constructor(
    private readonly selection: RestoreHookSelection,
    private readonly postHook: object,
    private readonly problems: readonly Problem[]) {
  }

  /** @internal The hook as Velero's RestoreResourceHookSpec. */
  public _toVelero(): object {
    const s = this.selection;
    return {
      name: s.name,
      includedNamespaces: s.includedNamespaces && [...s.includedNamespaces],
      excludedNamespaces: s.excludedNamespaces && [...s.excludedNamespaces],
      includedResources: s.includedResources && [...s.includedResources],
      excludedResources: s.excludedResources && [...s.excludedResources],
      labelSelector: s.labelSelector?._toVelero(),
      postHooks: [this.postHook],
    };
  }

  /** @internal Problems of the factory's options, fields prefixed with `at`. */
  public _problems(at: string): Problem[] {
    return anchored(this.problems, at);
  }
}

/** A prop or argument that takes a `RestoreHook`. */
export const RESTORE_HOOK_TYPE: PropType = { instanceOf: RestoreHook, name: 'RestoreHook, such as RestoreHook.exec({...})' };
