import { Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CREDENTIAL_TYPE, LocationCredential } from './credential';
import { BackupStorageLocation } from '../../imports/velero.io';
import { ARGO_CD_SYNC_WAVE, DEFAULT_STORAGE_LOCATION, VELERO_NAMESPACE } from '../core/defaults';
import { checkedId, checkedScope, reportIdProblems } from '../private/construct-id';
import { validateOwnedObjects } from '../private/owned-objects';
import { PropType, PropsShape, conformingProps, inexactDurationProblems, propsProblems, structShape } from '../private/props-check';
import { ValidatedBackupStorageLocation } from '../private/velero-objects';
import { formatGoDuration } from '../time/go-duration';

/** Whether Velero may write backups to a storage location. */
export enum BackupStorageAccessMode {
  /** Velero writes backups and reads them. */
  READ_WRITE = 'ReadWrite',
  /** Velero only reads backups, for example to restore another cluster's. */
  READ_ONLY = 'ReadOnly',
}

/** Props of `KymaBackupStorageLocation`. */
export interface KymaBackupStorageLocationProps {
  /**
   * The location's name, which backups name in `storageLocation`.
   *
   * @default "default" (the name the guide's backups use)
   */
  readonly name?: string;

  /**
   * Velero's namespace.
   *
   * @default "kyma-backup"
   */
  readonly namespace?: string;

  /** The object-storage plugin's provider name, for example `aws`, `gcp` or `azure`. */
  readonly provider: string;

  /** The bucket the backups are written to. */
  readonly bucket: string;

  /**
   * A folder within the bucket.
   *
   * @default - the bucket's root
   */
  readonly prefix?: string;

  /**
   * Provider-specific settings, for example `region`, or for S3-compatible
   * stores `s3Url` and `s3ForcePathStyle`.
   *
   * @default - none
   */
  readonly config?: { [key: string]: string };

  /**
   * A PEM CA certificate (bundle) to trust for the object store's TLS; written
   * base64-encoded, as the CRD takes it.
   *
   * @default - the system's trust store
   */
  readonly caCertificate?: string;

  /**
   * Whether this is the default location, used by backups that name none.
   * Velero's namespace takes at most one.
   *
   * @default - not set: not the default
   */
  readonly default?: boolean;

  /**
   * Whether Velero may write to the location.
   *
   * @default - not set: read and write
   */
  readonly accessMode?: BackupStorageAccessMode;

  /**
   * How often Velero syncs the backups in the bucket into the cluster.
   *
   * @default - not set: the server's setting (1 minute unless configured)
   */
  readonly backupSyncPeriod?: Duration;

  /**
   * How often Velero checks that the location is reachable.
   *
   * @default - not set: the server's setting (1 minute unless configured)
   */
  readonly validationFrequency?: Duration;

  /**
   * The key of a Secret in Velero's namespace holding the credentials.
   *
   * @default - the Velero server's own credentials
   */
  readonly credential?: LocationCredential;

  /**
   * An Argo CD sync wave for the location (the `argocd.argoproj.io/sync-wave`
   * annotation), such as -1, so that Argo CD applies it before the Backups and
   * Schedules of wave 0. Argo CD waits for it only with a health check for
   * BackupStorageLocations (docs/gitops.md).
   *
   * @default - no annotation: the location is applied with everything else
   */
  readonly argoCdSyncWave?: number;
}

/** The run-time shape of `KymaBackupStorageLocationProps`. */
const STORAGE_LOCATION_PROPS_SHAPE: PropsShape = structShape('KymaBackupStorageLocationProps', {
  name: 'string',
  namespace: 'literal',
  provider: { required: 'string' },
  bucket: { required: 'string' },
  prefix: 'string',
  config: { map: 'string' },
  caCertificate: 'string',
  default: 'boolean',
  accessMode: { oneOf: Object.values(BackupStorageAccessMode) },
  backupSyncPeriod: 'duration',
  validationFrequency: 'duration',
  credential: CREDENTIAL_TYPE,
  argoCdSyncWave: 'integer',
});

/**
 * A Velero BackupStorageLocation: where backups are written and read. By
 * default named `default`, the location the guide's backups name.
 */
export class KymaBackupStorageLocation extends Construct {
  /** The location's name, for a backup's `storageLocation`. */
  public readonly name: string;
  /** The underlying Velero object (also `node.defaultChild`). */
  public readonly location: BackupStorageLocation;

  constructor(scope: Construct, id: string, props: KymaBackupStorageLocationProps) {
    super(checkedScope(scope, 'KymaBackupStorageLocation'), checkedId(scope, id));
    reportIdProblems(this, id);
    const usable = conformingProps(props, STORAGE_LOCATION_PROPS_SHAPE);
    this.name = usable.name ?? DEFAULT_STORAGE_LOCATION;
    const namespace = usable.namespace ?? VELERO_NAMESPACE;
    this.location = new ValidatedBackupStorageLocation(this, 'Resource', {
      metadata: {
        name: this.name,
        namespace,
        ...usable.argoCdSyncWave !== undefined && { annotations: { [ARGO_CD_SYNC_WAVE]: String(usable.argoCdSyncWave) } },
      },
      spec: Lazy.any({ produce: () => renderSpec(usable) }),
    });
    validateOwnedObjects(this, [{
      object: this.location,
      intentChecks: () => usable.credential?._problems('spec.credential', namespace) ?? [],
    }], {
      props: () => propsProblems(props, STORAGE_LOCATION_PROPS_SHAPE, '', true),
      options: () => inexactDurationProblems([['backupSyncPeriod', usable.backupSyncPeriod], ['validationFrequency', usable.validationFrequency]]),
    });
  }
}

/** An argument that takes a `KymaBackupStorageLocation`. */
export const STORAGE_LOCATION_TYPE: PropType = {
  instanceOf: KymaBackupStorageLocation,
  name: 'KymaBackupStorageLocation of this app',
  suggest: value => typeof value === 'string'
    ? `a KymaBackupStorageLocation of this app; for a location by name, the storageLocation prop: { storageLocation: ${JSON.stringify(value)} }` : undefined,
};

function renderSpec(props: KymaBackupStorageLocationProps): any {
  return {
    provider: props.provider,
    objectStorage: {
      bucket: props.bucket,
      prefix: props.prefix,
      caCert: props.caCertificate && Buffer.from(props.caCertificate, 'utf8').toString('base64'),
    },
    config: props.config && { ...props.config },
    credential: props.credential?._toVelero(),
    default: props.default,
    accessMode: props.accessMode,
    backupSyncPeriod: props.backupSyncPeriod && formatGoDuration(props.backupSyncPeriod),
    validationFrequency: props.validationFrequency && formatGoDuration(props.validationFrequency),
  };
}
