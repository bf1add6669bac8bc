import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { NamespaceMapping, namespaceMappingProblems } from './namespace-mapping';
import { RESOURCE_MODIFIER_RULE_TYPE, ResourceModifierRule } from './resource-modifier-rule';
import { KymaRestoreRemapping } from './restore-remapping';
import { Restore } from '../../imports/velero.io';
import { SYSTEM_BACKUP_NAME, USER_BACKUP_NAME, VELERO_NAMESPACE } from '../core/defaults';
import { LABEL_SELECTOR_TYPE, LabelSelector } from '../core/label-selector';
import { RESTORE_HOOK_TYPE, RestoreHook } from '../hooks/restore-hooks';
import { checkedId, checkedScope, reportIdProblems } from '../private/construct-id';
import { validateOwnedObjects } from '../private/owned-objects';
import { PropsShape, STRINGS, argumentProblems, conformingProps, inexactDurationProblems, propsProblems, structShape } from '../private/props-check';
import { ValidatedRestore } from '../private/velero-objects';
import { KymaBackupSchedule } from '../schedule/schedule';
import { formatGoDuration } from '../time/go-duration';
import { Problem, ProblemKind, problem } from '../validation/problem';
import { modifierConfigMapProblems } from '../validation/resource-modifiers';

/** What Velero does with an object that already exists in the cluster. */
export enum ExistingResourcePolicy {
  /** Leave it as it is (Velero's default). */
  NONE = 'none',
  /** Update it to the backed-up version where Velero can. */
  UPDATE = 'update',
}

/** The order in which the plan restores the cluster, one phase per file. */
export enum RestoreOrder {
  /** The guide's order: the system backup, then the user backup. Two phases. */
  SYSTEM_THEN_USER = 'system-then-user',
  /**
   * The order Kyma moved to later: CRDs, Services and Endpoints of both
   * backups first (custom resources fail when their CRDs are not there yet),
   * then everything else of the system backup, then of the user backup. Three phases.
   */
  CRDS_FIRST = 'crds-first',
}

/** Resources the CRDs-first order restores in its first phase. */
const FIRST_RESOURCES = ['customresourcedefinitions.apiextensions.k8s.io', 'services', 'endpoints'];

/** Which status fields to restore, by resource (Velero `restoreStatus`). */
export interface RestoreStatusFilter {
  /**
   * Resources whose status is restored.
   *
   * @default - none
   */
  readonly includedResources?: string[];
  /**
   * Resources whose status is not restored.
   *
   * @default - none
   */
  readonly excludedResources?: string[];
}

/** Props of `KymaRestorePlan`. */
export interface KymaRestorePlanProps {
  /**
   * Velero's namespace.
   *
   * @default "kyma-backup"
   */
  readonly namespace?: string;

  /**
   * The Schedule pair whose backups are restored; the plan takes its names.
   * Without `restorePoint` or backup names, each restore takes the latest
   * completed backup of its Schedule, and the two can come from different
   * nights when one of them failed. Restoring where the Schedules still run?
   * Pause them first: a backup taken after the loss would be the latest.
   *
   * @default - the guide's Schedule names, kyma-system-backup and kyma-backup
   */
  readonly schedule?: KymaBackupSchedule;

  /**
   * Restore the two backups a Schedule pair took at this time (UTC), named
   * as Velero names scheduled backups: `<schedule>-<yyyyMMddHHmmss>`. Both
   * halves then come from the same run.
   *
   * @default - the latest completed backup of each Schedule
   */
  readonly restorePoint?: Date;

  /**
   * The system backup to restore, by name. Give `userBackupName` too.
   *
   * @default - from the Schedule (see `schedule` and `restorePoint`)
   */
  readonly systemBackupName?: string;

  /**
   * The user backup to restore, by name. Give `systemBackupName` too.
   *
   * @default - from the Schedule (see `schedule` and `restorePoint`)
   */
  readonly userBackupName?: string;

  /**
   * The name of the system restore (of its first Restore, with CRDS_FIRST).
   * Velero runs a Restore once; a second restore needs new names.
   *
   * @default "kyma-system-restore"
   */
  readonly systemRestoreName?: string;

  /**
   * The name of the user restore.
   *
   * @default "kyma-restore"
   */
  readonly userRestoreName?: string;

  /**
   * The order of the phases.
   *
   * @default RestoreOrder.SYSTEM_THEN_USER
   */
  readonly order?: RestoreOrder;

  /**
   * Namespaces to restore.
   *
   * @default - every namespace in the backup
   */
  readonly includedNamespaces?: string[];

  /**
   * Namespaces not to restore.
   *
   * @default - none
   */
  readonly excludedNamespaces?: string[];

  /**
   * Resources to restore.
   *
   * @default - every resource in the backup
   */
  readonly includedResources?: string[];

  /**
   * Resources not to restore.
   *
   * @default - none (Velero never restores nodes, events and its own kinds)
   */
  readonly excludedResources?: string[];

  /**
   * Whether cluster-scoped resources are restored.
   *
   * @default true (the guide's value)
   */
  readonly includeClusterResources?: boolean;

  /**
   * Whether persistent volumes are restored from their snapshots.
   *
   * @default true (the guide's value)
   */
  readonly restorePVs?: boolean;

  /**
   * Namespaces to restore under another name: backed-up name to new name.
   * `mappedNamespaces` takes the same as a value type.
   *
   * @default - every namespace keeps its name
   */
  readonly namespaceMapping?: { [namespace: string]: string };

  /**
   * Namespaces to restore under another name (not with `namespaceMapping`).
   *
   * @default - every namespace keeps its name
   */
  readonly mappedNamespaces?: NamespaceMapping;

  /**
   * The storage-class and image remapping the restore counts on. Velero
   * applies it to every Restore in its namespace; naming it here checks that
   * it is in the plan's namespace.
   *
   * @default - none named
   */
  readonly remapping?: KymaRestoreRemapping;

  /**
   * Restore only objects matching this selector.
   *
   * @default - objects are not filtered by label
   */
  readonly labelSelector?: LabelSelector;

  /**
   * Restore objects matching any of these selectors (not with `labelSelector`).
   *
   * @default - not set
   */
  readonly orLabelSelectors?: LabelSelector[];

  /**
   * Which resources get their status restored.
   *
   * @default - no status is restored
   */
  readonly restoreStatus?: RestoreStatusFilter;

  /**
   * What to do with objects that already exist.
   *
   * @default - not set: Velero leaves them (none)
   */
  readonly existingResourcePolicy?: ExistingResourcePolicy;

  /**
   * Whether Services keep their node ports.
   *
   * @default - not set: node ports are reassigned
   */
  readonly preserveNodePorts?: boolean;

  /**
   * How long to wait for asynchronous RestoreItemAction operations.
   *
   * @default - not set: Velero's default, 4 hours
   */
  readonly itemOperationTimeout?: Duration;

  /**
   * Hooks run in restored pods.
   *
   * @default - no hooks
   */
  readonly hooks?: RestoreHook[];

  /**
   * The name of a ConfigMap in Velero's namespace with resource modifier
   * rules, written elsewhere. With `addResourceModifier()`, the plan writes
   * its own ConfigMap instead, `<userRestoreName>-resource-modifiers` (and
   * this prop must be left out).
   *
   * @default - no resource modifiers, or the plan's own ConfigMap
   */
  readonly resourceModifierConfigMap?: string;


  /**
   * Whether file-system restores write sparse files.
   *
   * @default - not set: the uploader's default
   */
  readonly writeSparseFiles?: boolean;

  /**
   * How many files the uploader restores in parallel.
   *
   * @default - not set: the uploader's default
   */
  readonly parallelFilesDownload?: number;
}

/** The run-time shape of `KymaRestorePlanProps`. */
const RESTORE_PLAN_PROPS_SHAPE: PropsShape = structShape('KymaRestorePlanProps', {
  namespace: 'string',
  schedule: { instanceOf: KymaBackupSchedule, name: 'KymaBackupSchedule' },
  restorePoint: { instanceOf: Date, name: 'Date' },
  systemBackupName: 'string',
  userBackupName: 'string',
  systemRestoreName: 'literal',
  userRestoreName: 'literal',
  order: { oneOf: Object.values(RestoreOrder) },
  includedNamespaces: STRINGS,
  excludedNamespaces: STRINGS,
  includedResources: STRINGS,
  excludedResources: STRINGS,
  includeClusterResources: 'boolean',
  restorePVs: 'boolean',
  namespaceMapping: { map: 'string' },
  mappedNamespaces: { instanceOf: NamespaceMapping, name: 'NamespaceMapping, such as NamespaceMapping.of({ shop: "shop-restored" })' },
  remapping: { instanceOf: KymaRestoreRemapping, name: 'KymaRestoreRemapping' },
  labelSelector: LABEL_SELECTOR_TYPE,
  orLabelSelectors: { list: LABEL_SELECTOR_TYPE },
  restoreStatus: { struct: structShape('RestoreStatusFilter', { includedResources: STRINGS, excludedResources: STRINGS }) },
  existingResourcePolicy: { oneOf: Object.values(ExistingResourcePolicy) },
  preserveNodePorts: 'boolean',
  itemOperationTimeout: 'duration',
  hooks: { list: RESTORE_HOOK_TYPE },
  resourceModifierConfigMap: 'string',
  writeSparseFiles: 'boolean',
  parallelFilesDownload: 'integer',
});

/** One Restore of the plan: which half, which phase, which resources. */
interface PlannedRestore {
  readonly half: 'system' | 'user';
  readonly phase: number;
  readonly id: string;
  readonly name: string;
  /** Overrides the resource filters (the CRDs-first order's split). */
  readonly resources?: { included?: string[]; excluded?: string[] };
}

/**
 * A full Kyma cluster restore, as Kyma's restore guide describes it, with its
 * slips fixed: two Velero Restores in Velero's namespace, the system backup
 * first (`kyma-system-restore`), then the user backup (`kyma-restore`), each
 * naming its own source. Each phase is a chart of its own, so each is written
 * to a file of its own (`0000-…`, `0001-…`), to apply one after the other,
 * waiting for each phase's Restores to complete (see the README's runbook).
 *
 * Keep restores out of the app that writes the backups: applying backup
 * manifests must never start a restore.
 */
export class KymaRestorePlan extends Construct {
  /** The phase charts, in order; each is written to its own file. */
  public readonly phases: Chart[] = [];
  /** The Restores of the system backup (one, or two with CRDS_FIRST). */
  public readonly systemRestores: Restore[] = [];
  /** The Restores of the user backup (one, or two with CRDS_FIRST). */
  public readonly userRestores: Restore[] = [];

  private readonly props: KymaRestorePlanProps;
  private readonly namespace: string;
  private readonly modifierRules: ResourceModifierRule[] = [];
  private readonly methodProblems: Problem[] = [];
  private modifiersConfigMap?: ApiObject;

  constructor(scope: Construct, id: string, props: KymaRestorePlanProps = {}) {
    super(checkedScope(scope, 'KymaRestorePlan'), checkedId(scope, id));
    reportIdProblems(this, id);
    const usable = this.props = conformingProps(props, RESTORE_PLAN_PROPS_SHAPE);
    const namespace = this.namespace = usable.namespace ?? VELERO_NAMESPACE;
    const systemName = usable.systemRestoreName ?? 'kyma-system-restore';
    const userName = usable.userRestoreName ?? 'kyma-restore';
    const plan: PlannedRestore[] = usable.order === RestoreOrder.CRDS_FIRST
      ? [
        { half: 'system', phase: 1, id: 'SystemFirst', name: `${systemName}-crds`, resources: { included: FIRST_RESOURCES } },
        { half: 'user', phase: 1, id: 'UserFirst', name: `${userName}-crds`, resources: { included: FIRST_RESOURCES } },
        { half: 'system', phase: 2, id: 'System', name: systemName, resources: { excluded: FIRST_RESOURCES } },
        { half: 'user', phase: 3, id: 'User', name: userName, resources: { excluded: FIRST_RESOURCES } },
      ]
      : [
        { half: 'system', phase: 1, id: 'System', name: systemName },
        { half: 'user', phase: 2, id: 'User', name: userName },
      ];

    const owned = plan.map(planned => {
      const chart = this.phaseChart(planned.phase, planned.half);
      const restore = new ValidatedRestore(chart, planned.id, {
        metadata: { name: planned.name, namespace },
        spec: Lazy.any({ produce: () => this.renderSpec(planned) }),
      });
      (planned.half === 'system' ? this.systemRestores : this.userRestores).push(restore);
      return { object: restore as ApiObject, label: planned.id };
    });
    validateOwnedObjects(this, owned, {
      props: () => propsProblems(props, RESTORE_PLAN_PROPS_SHAPE, '', true),
      options: () => [...this.methodProblems, ...this.optionProblems(), ...this.modifierProblems()],
    });
  }

  /**
   * The ConfigMap the plan writes for the rules of `addResourceModifier()`,
   * `<userRestoreName>-resource-modifiers`; undefined until a rule is added.
   */
  public get resourceModifiersConfigMap(): ApiObject | undefined {
    return this.modifiersConfigMap;
  }

  /**
   * Adds a resource modifier rule: each Restore of every phase patches the
   * objects the rule matches. The plan writes the rules into one ConfigMap
   * in Velero's namespace, in its first phase, and names it in each Restore.
   */
  public addResourceModifier(rule: ResourceModifierRule): void {
    const problems = argumentProblems('addResourceModifier', [['rule', rule, { required: RESOURCE_MODIFIER_RULE_TYPE }]], true);
    if (problems.length > 0) {
      this.methodProblems.push(...problems);
      return;
    }
    this.modifierRules.push(rule);
    if (!this.modifiersConfigMap) {
      // Before the Restores of the first phase, so that it exists when they are applied.
      const chart = this.phases[0];
      this.modifiersConfigMap = new ApiObject(chart, 'ResourceModifiers', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: this.modifierConfigMapName(), namespace: this.namespace },
        data: { 'resource-modifiers.json': Lazy.any({ produce: () => this.modifiersText() }) },
      });
      for (const restore of [...this.systemRestores, ...this.userRestores]) {
        if (restore.chart === chart) restore.node.addDependency(this.modifiersConfigMap);
      }
    }
  }

  private modifierConfigMapName(): string {
    return `${this.props.userRestoreName ?? 'kyma-restore'}-resource-modifiers`;
  }

  /** The modifiers document Velero reads: version v1 and the rules, as JSON (which YAML reads too). */
  private modifiersText(): string {
    return `${JSON.stringify({ version: 'v1', resourceModifierRules: this.modifierRules.map(rule => rule._toVelero()) }, null, 2)}\n`;
  }

  /** The written ConfigMap, judged as Velero reads it, with the plan's namespace mapping. */
  private modifierProblems(): Problem[] {
    const problems: Problem[] = this.modifierRules.flatMap((rule, i) => rule._problems(`addResourceModifier(rule)#${i + 1}`));
    if (!this.modifiersConfigMap || problems.length > 0) return problems;
    if (this.props.resourceModifierConfigMap !== undefined) {
      problems.push(problem('resourceModifierConfigMap', this.props.resourceModifierConfigMap, 'is set together with addResourceModifier()',
        'either name a ConfigMap written elsewhere, or add rules for the plan to write its own', ProblemKind.PROPS));
    }
    let manifest: any;
    try {
      manifest = this.modifiersConfigMap.toJson();
    } catch (e) {
      return [problem('ResourceModifiers', undefined, `could not be rendered: ${(e as Error).message}`, 'JSON values in the rules', ProblemKind.PROPS)];
    }
    problems.push(...modifierConfigMapProblems(manifest, { namespaceMapping: this.namespaceMapping() }, 'ResourceModifiers.data'));
    return problems;
  }

  private namespaceMapping(): { [namespace: string]: string } | undefined {
    return this.props.mappedNamespaces?._toVelero() ?? this.props.namespaceMapping;
  }

  /** The chart of a phase, created on first use; each phase depends on the one before. */
  private phaseChart(phase: number, half: string): Chart {
    if (this.phases.length < phase) {
      const label = this.props.order === RestoreOrder.CRDS_FIRST && phase === 1 ? 'crds' : half;
      const chart = new Chart(this, `phase-${phase}-${label}`);
      const previous = this.phases[this.phases.length - 1];
      if (previous) chart.addDependency(previous);
      this.phases.push(chart);
    }
    return this.phases[phase - 1];
  }

  /** Where a half is restored from: `backupName`, or `scheduleName` (its latest completed backup). */
  private source(half: 'system' | 'user'): { backupName?: string; scheduleName?: string } {
    const p = this.props;
    const explicit = half === 'system' ? p.systemBackupName : p.userBackupName;
    if (explicit !== undefined) return { backupName: explicit };
    const scheduleName = this.scheduleName(half);
    if (p.restorePoint !== undefined) return { backupName: `${scheduleName}-${velerosTimestamp(p.restorePoint)}` };
    return { scheduleName };
  }

  private scheduleName(half: 'system' | 'user'): string {
    const schedule = this.props.schedule;
    if (schedule) return (half === 'system' ? schedule.systemSchedule : schedule.userSchedule).name;
    return half === 'system' ? SYSTEM_BACKUP_NAME : USER_BACKUP_NAME;
  }

  private renderSpec(planned: PlannedRestore): any {
    const p = this.props;
    const included = planned.resources?.included ?? p.includedResources;
    const excluded = planned.resources?.excluded
      ? [...planned.resources.excluded, ...p.excludedResources ?? []]
      : p.excludedResources;
    const spec = {
      ...this.source(planned.half),
      includedNamespaces: p.includedNamespaces && [...p.includedNamespaces],
      excludedNamespaces: p.excludedNamespaces && [...p.excludedNamespaces],
      includedResources: included && [...included],
      excludedResources: excluded && [...excluded],
      includeClusterResources: p.includeClusterResources ?? true,
      restorePVs: p.restorePVs ?? true,
      namespaceMapping: this.namespaceMapping() && { ...this.namespaceMapping() },
      labelSelector: p.labelSelector?._toVelero(),
      orLabelSelectors: p.orLabelSelectors?.map(selector => selector._toVelero()),
      restoreStatus: p.restoreStatus && {
        includedResources: p.restoreStatus.includedResources && [...p.restoreStatus.includedResources],
        excludedResources: p.restoreStatus.excludedResources && [...p.restoreStatus.excludedResources],
      },
      existingResourcePolicy: p.existingResourcePolicy,
      preserveNodePorts: p.preserveNodePorts,
      itemOperationTimeout: p.itemOperationTimeout && formatGoDuration(p.itemOperationTimeout),
      hooks: p.hooks && { resources: p.hooks.map(hook => hook._toVelero()) },
      resourceModifier: this.modifiersConfigMap
        ? { kind: 'ConfigMap', name: this.modifierConfigMapName() }
        : p.resourceModifierConfigMap !== undefined ? { kind: 'ConfigMap', name: p.resourceModifierConfigMap } : undefined,
      uploaderConfig: p.writeSparseFiles !== undefined || p.parallelFilesDownload !== undefined
        ? { writeSparseFiles: p.writeSparseFiles, parallelFilesDownload: p.parallelFilesDownload }
        : undefined,
    };
    return spec;
  }

  private optionProblems(): Problem[] {
    const p = this.props;
    const problems = inexactDurationProblems([['itemOperationTimeout', p.itemOperationTimeout]]);
    if ((p.systemBackupName === undefined) !== (p.userBackupName === undefined)) {
      problems.push(problem(p.systemBackupName === undefined ? 'userBackupName' : 'systemBackupName',
        p.systemBackupName ?? p.userBackupName, 'is given without its other half',
        'give both systemBackupName and userBackupName, so that the two halves are chosen together', ProblemKind.PROPS));
    }
    if (p.restorePoint !== undefined && (p.systemBackupName !== undefined || p.userBackupName !== undefined)) {
      problems.push(problem('restorePoint', p.restorePoint.toISOString(), 'is given together with backup names',
        'give a restore point or the backup names', ProblemKind.PROPS));
    }
    if (p.restorePoint !== undefined && Number.isNaN(p.restorePoint.getTime())) {
      problems.push(problem('restorePoint', String(p.restorePoint), 'is not a valid date', 'a Date, such as new Date("2026-11-27T01:00:00Z")', ProblemKind.PROPS));
    }
    if (p.namespaceMapping !== undefined && p.mappedNamespaces !== undefined) {
      problems.push(problem('mappedNamespaces', p.mappedNamespaces.entries, 'is set together with namespaceMapping',
        'one of them: mappedNamespaces (NamespaceMapping.of(…)) or the namespaceMapping map', ProblemKind.PROPS));
    }
    if (p.mappedNamespaces) problems.push(...p.mappedNamespaces._problems('mappedNamespaces'));
    if (p.namespaceMapping) problems.push(...namespaceMappingProblems(p.namespaceMapping, 'namespaceMapping'));
    if (p.remapping && p.remapping.namespace !== this.namespace) {
      problems.push(problem('remapping', p.remapping.node.path, `is in namespace ${p.remapping.namespace}, not the plan's ${this.namespace}`,
        'a KymaRestoreRemapping in Velero\'s namespace, which Velero reads its plugin settings from', ProblemKind.PROPS));
    }
    if (p.order === RestoreOrder.CRDS_FIRST && p.includedResources !== undefined) {
      problems.push(problem('includedResources', p.includedResources, 'is set together with order CRDS_FIRST, which splits the resources itself',
        'use excludedResources with CRDS_FIRST, or the SYSTEM_THEN_USER order', ProblemKind.PROPS));
    }
    return problems;
  }
}

/** The timestamp Velero puts in the names of scheduled backups: UTC `yyyyMMddHHmmss`. */
function velerosTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'invalid-date';
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
