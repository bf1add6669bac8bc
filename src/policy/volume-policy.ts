import { PropType, PropsShape, anchored, argumentProblems, structShape } from '../private/props-check';
import { Problem, ProblemKind, problem } from '../validation/problem';
import { isZeroCapacityBound } from '../validation/resource-policy';

/** What Velero does with a volume a policy matches. */
export enum VolumePolicyAction {
  /** Leave the volume's data out of the backup. */
  SKIP = 'skip',
  /** Snapshot the volume (cloud-provider, CSI or data-mover snapshot, as the backup says). */
  SNAPSHOT = 'snapshot',
  /** Copy the volume's files through its pod (file-system backup, Kopia). */
  FS_BACKUP = 'fs-backup',
}

/** A volume's type, as Velero's resource policies name it (from the PV's or pod volume's source). */
export enum VolumeType {
  /**
   * awsAzureDisk: Velero v1.18.1 declares this type but never reports it for
   * a volume (Azure disks are `azureDisk`, AWS disks `awsElasticBlockStore`),
   * so a policy on it could never match and is refused at synth.
   *
   * @deprecated use AZURE_DISK or AWS_ELASTIC_BLOCK_STORE
   */
  AWS_AZURE_DISK = 'awsAzureDisk',
  /** awsElasticBlockStore */
  AWS_ELASTIC_BLOCK_STORE = 'awsElasticBlockStore',
  /** azureDisk */
  AZURE_DISK = 'azureDisk',
  /** azureFile */
  AZURE_FILE = 'azureFile',
  /** cinder */
  CINDER = 'cinder',
  /** cephfs */
  CEPHFS = 'cephfs',
  /** configMap (pod volumes only) */
  CONFIG_MAP = 'configMap',
  /** csi */
  CSI = 'csi',
  /** downwardAPI (pod volumes only) */
  DOWNWARD_API = 'downwardAPI',
  /** emptyDir (pod volumes only) */
  EMPTY_DIR = 'emptyDir',
  /** ephemeral (pod volumes only) */
  EPHEMERAL = 'ephemeral',
  /** fc */
  FC = 'fc',
  /** flocker */
  FLOCKER = 'flocker',
  /** flexVolume */
  FLEX_VOLUME = 'flexVolume',
  /** gitRepo (pod volumes only) */
  GIT_REPO = 'gitRepo',
  /** glusterfs */
  GLUSTERFS = 'glusterfs',
  /** gcePersistentDisk */
  GCE_PERSISTENT_DISK = 'gcePersistentDisk',
  /** hostPath */
  HOST_PATH = 'hostPath',
  /** iscsi */
  ISCSI = 'iscsi',
  /** local */
  LOCAL = 'local',
  /** nfs */
  NFS = 'nfs',
  /** photonPersistentDisk */
  PHOTON_PERSISTENT_DISK = 'photonPersistentDisk',
  /** portworxVolume */
  PORTWORX_VOLUME = 'portworxVolume',
  /** projected (pod volumes only) */
  PROJECTED = 'projected',
  /** quobyte */
  QUOBYTE = 'quobyte',
  /** rbd */
  RBD = 'rbd',
  /** scaleIO */
  SCALE_IO = 'scaleIO',
  /** secret (pod volumes only) */
  SECRET = 'secret',
  /** storageOS */
  STORAGE_OS = 'storageOS',
  /** vsphereVolume */
  VSPHERE_VOLUME = 'vsphereVolume',
}

/** The phase of a volume's PersistentVolumeClaim. */
export enum PvcPhase {
  /** Not yet bound. */
  PENDING = 'Pending',
  /** Bound to a volume. */
  BOUND = 'Bound',
  /** Its volume is gone. */
  LOST = 'Lost',
}

/** A range of volume sizes, as Kubernetes quantities. */
export interface VolumeCapacityRange {
  /**
   * The smallest size matched, such as `10Gi`.
   *
   * @default - no lower bound
   */
  readonly atLeast?: string;
  /**
   * The largest size matched, such as `100Gi`. Not zero: Velero reads an
   * upper bound of zero as none (leave `atMost` out for no upper limit).
   *
   * @default - no upper bound
   */
  readonly atMost?: string;
}

const CAPACITY_SHAPE: PropsShape = structShape('VolumeCapacityRange', { atLeast: 'literal', atMost: 'literal' });

/** A condition on a CSI volume. */
export interface CsiVolumeCondition {
  /**
   * The CSI driver, such as `ebs.csi.aws.com`.
   *
   * @default - any CSI volume (then no volumeAttributes)
   */
  readonly driver?: string;
  /**
   * Volume attributes the volume must have (each key with this value).
   *
   * @default - any attributes
   */
  readonly volumeAttributes?: { [key: string]: string };
}

const CSI_SHAPE: PropsShape = structShape('CsiVolumeCondition', { driver: 'literal', volumeAttributes: { map: 'literal' } });

/** A condition on an NFS volume. */
export interface NfsVolumeCondition {
  /**
   * The NFS server's host name or address.
   *
   * @default - any server
   */
  readonly server?: string;
  /**
   * The exported path.
   *
   * @default - any path
   */
  readonly path?: string;
}

const NFS_SHAPE: PropsShape = structShape('NfsVolumeCondition', { server: 'literal', path: 'literal' });

type Conditions = {
  capacity?: string;
  storageClass?: string[];
  nfs?: { server?: string; path?: string };
  csi?: { driver?: string; volumeAttributes?: { [key: string]: string } };
  volumeTypes?: string[];
  pvcLabels?: { [key: string]: string };
  pvcPhase?: string[];
};

/**
 * One of Velero's volume policies: an action, and conditions a volume must
 * all meet. Velero applies the first policy a volume matches. Immutable:
 * each `where…()` returns a new policy; each condition is given once.
 *
 * @example VolumePolicy.skip().whereStorageClass('standard')
 */
export class VolumePolicy {
  /** Leaves the matching volumes' data out. */
  public static skip(): VolumePolicy {
    return new VolumePolicy(VolumePolicyAction.SKIP, {}, []);
  }

  /** Snapshots the matching volumes. */
  public static snapshot(): VolumePolicy {
    return new VolumePolicy(VolumePolicyAction.SNAPSHOT, {}, []);
  }

  /**
   * Backs up the matching volumes' files through their pods (file-system
   * backup). It needs the backup to take pods, and a repository password:
   * see `KymaRepositoryPassword`.
   */
  public static fsBackup(): VolumePolicy {
    return new VolumePolicy(VolumePolicyAction.FS_BACKUP, {}, []);
  }

  private constructor(
    /** What Velero does with a matching volume. */
    public readonly action: VolumePolicyAction,
    private readonly conditions: Conditions,
    private readonly problems: readonly Problem[]) {
  }

  /** Volumes whose size is in this range. */
  public whereCapacity(range: VolumeCapacityRange): VolumePolicy {
    return this.with('whereCapacity', [['range', range, { required: { struct: CAPACITY_SHAPE } }]], 'capacity',
      () => `${range.atLeast ?? ''},${range.atMost ?? ''}`,
      () => (range.atMost !== undefined && isZeroCapacityBound(range.atMost)
        ? [problem('whereCapacity(range).atMost', range.atMost, 'is zero, which Velero reads as no upper bound, the opposite of what it says',
          'a size above zero, such as "10Gi"; leave atMost out for no upper limit', ProblemKind.PROPS)]
        : []));
  }

  /** Volumes of one of these storage classes (at least one). */
  public whereStorageClass(...names: string[]): VolumePolicy {
    return this.with('whereStorageClass', [['names', names, { list: 'literal' }]], 'storageClass', () => [...names],
      () => nonEmpty('whereStorageClass(names)', names, names.length, 'at least one storage class name'));
  }

  /** CSI volumes (of this driver, with these attributes). */
  public whereCsi(condition: CsiVolumeCondition = {}): VolumePolicy {
    return this.with('whereCsi', [['condition', condition, { struct: CSI_SHAPE }]], 'csi', () => withoutUndefined({
      driver: condition.driver,
      volumeAttributes: condition.volumeAttributes && sorted(condition.volumeAttributes),
    }));
  }

  /** NFS volumes (of this server and path). */
  public whereNfs(condition: NfsVolumeCondition = {}): VolumePolicy {
    return this.with('whereNfs', [['condition', condition, { struct: NFS_SHAPE }]], 'nfs', () => withoutUndefined({ server: condition.server, path: condition.path }));
  }

  /** Volumes of one of these types (at least one). */
  public whereVolumeTypes(...types: VolumeType[]): VolumePolicy {
    return this.with('whereVolumeTypes', [['types', types, { list: { oneOf: Object.values(VolumeType) } }]], 'volumeTypes', () => [...types],
      () => nonEmpty('whereVolumeTypes(types)', types, types.length, 'at least one VolumeType'));
  }

  /** Volumes whose PVC carries all these labels (at least one). */
  public wherePvcLabels(labels: { [key: string]: string }): VolumePolicy {
    return this.with('wherePvcLabels', [['labels', labels, { required: { map: 'literal' } }]], 'pvcLabels', () => sorted(labels),
      () => nonEmpty('wherePvcLabels(labels)', labels, Object.keys(labels).length, 'at least one label key and value'));
  }

  /** Volumes whose PVC is in one of these phases (at least one). */
  public wherePvcPhase(...phases: PvcPhase[]): VolumePolicy {
    return this.with('wherePvcPhase', [['phases', phases, { list: { oneOf: Object.values(PvcPhase) } }]], 'pvcPhase', () => [...phases],
      () => nonEmpty('wherePvcPhase(phases)', phases, phases.length, 'at least one PvcPhase'));
  }

  /**
   * A copy with one more condition, or with the problems of the call: those
   * of its arguments' types, then (when they are well-typed) `more`.
   */
  private with(call: string, args: Parameters<typeof argumentProblems>[1], key: keyof Conditions, value: () => unknown,
    more?: () => Problem[]): VolumePolicy {
    const found = argumentProblems(`${call}`, args, true);
    if (found.length === 0 && more) found.push(...more());
    if (found.length === 0 && this.conditions[key] !== undefined) {
      found.push(problem(`${call}(${args[0][0]})`, value(), `sets ${key} a second time (it is ${JSON.stringify(this.conditions[key])})`,
        'each condition once: give all values in one call', ProblemKind.PROPS));
    }
    if (found.length > 0) return new VolumePolicy(this.action, this.conditions, [...this.problems, ...found]);
    return new VolumePolicy(this.action, { ...this.conditions, [key]: value() }, this.problems);
  }

  /** @internal The volume policy as Velero reads it; conditions in a fixed order. */
  public _toVelero(): { conditions?: Conditions; action: { type: string } } {
    const c = this.conditions;
    const conditions = withoutUndefined({
      capacity: c.capacity,
      storageClass: c.storageClass,
      nfs: c.nfs,
      csi: c.csi,
      volumeTypes: c.volumeTypes,
      pvcLabels: c.pvcLabels,
      pvcPhase: c.pvcPhase,
    });
    return Object.keys(conditions).length > 0 ? { conditions, action: { type: this.action } } : { action: { type: this.action } };
  }

  /** @internal Whether the policy takes file-system backups. */
  public get _fsBackup(): boolean {
    return this.action === VolumePolicyAction.FS_BACKUP;
  }

  /** @internal Problems of the calls that made this policy, fields prefixed with `at`. */
  public _problems(at: string): Problem[] {
    return anchored(this.problems, at);
  }
}

/** A prop or argument that takes a `VolumePolicy`. */
export const VOLUME_POLICY_TYPE: PropType = { instanceOf: VolumePolicy, name: 'VolumePolicy, such as VolumePolicy.skip().whereStorageClass("standard")' };

/**
 * Velero reads an empty list or map as no condition (every volume), so a call
 * with no values would silently mean the opposite of a narrowing.
 */
function nonEmpty(field: string, value: unknown, count: number, accepted: string): Problem[] {
  return count > 0 ? [] : [problem(field, value, 'is empty, which Velero reads as no condition at all, so the policy would match every volume',
    `${accepted}; for every volume, leave the condition out`, ProblemKind.PROPS)];
}

function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** A map with its keys sorted, so the written document does not depend on the order they were given in. */
function sorted(map: { [key: string]: string }): { [key: string]: string } {
  return Object.fromEntries(Object.keys(map).sort().map(key => [key, map[key]]));
}
