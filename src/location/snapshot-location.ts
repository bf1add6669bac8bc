import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { CREDENTIAL_TYPE, LocationCredential } from './credential';
import { VolumeSnapshotLocation } from '../../imports/velero.io';
import { ARGO_CD_SYNC_WAVE, DEFAULT_VOLUME_SNAPSHOT_LOCATIONS, VELERO_NAMESPACE } from '../core/defaults';
import { checkedId, checkedScope, reportIdProblems } from '../private/construct-id';
import { validateOwnedObjects } from '../private/owned-objects';
import { PropType, PropsShape, conformingProps, propsProblems, structShape } from '../private/props-check';
import { ValidatedVolumeSnapshotLocation } from '../private/velero-objects';

/** Props of `KymaVolumeSnapshotLocation`. */
export interface KymaVolumeSnapshotLocationProps {
  /**
   * The location's name, which backups name in `volumeSnapshotLocations`.
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

  /** The volume-snapshotter plugin's provider name, for example `aws`. */
  readonly provider: string;

  /**
   * Provider-specific settings, for example `region`.
   *
   * @default - none
   */
  readonly config?: { [key: string]: string };

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

/** The run-time shape of `KymaVolumeSnapshotLocationProps`. */
const SNAPSHOT_LOCATION_PROPS_SHAPE: PropsShape = structShape('KymaVolumeSnapshotLocationProps', {
  name: 'string',
  namespace: 'literal',
  provider: { required: 'string' },
  config: { map: 'string' },
  credential: CREDENTIAL_TYPE,
  argoCdSyncWave: 'integer',
});

/**
 * A Velero VolumeSnapshotLocation: where volume snapshots are taken. By
 * default named `default`, the location the guide's backups name: Velero
 * fails a backup (`FailedValidation`) that names a snapshot location that
 * does not exist.
 */
export class KymaVolumeSnapshotLocation extends Construct {
  /** The location's name, for a backup's `volumeSnapshotLocations`. */
  public readonly name: string;
  /** The underlying Velero object (also `node.defaultChild`). */
  public readonly location: VolumeSnapshotLocation;

  constructor(scope: Construct, id: string, props: KymaVolumeSnapshotLocationProps) {
    super(checkedScope(scope, 'KymaVolumeSnapshotLocation'), checkedId(scope, id));
    reportIdProblems(this, id);
    const usable = conformingProps(props, SNAPSHOT_LOCATION_PROPS_SHAPE);
    this.name = usable.name ?? DEFAULT_VOLUME_SNAPSHOT_LOCATIONS[0];
    const namespace = usable.namespace ?? VELERO_NAMESPACE;
    this.location = new ValidatedVolumeSnapshotLocation(this, 'Resource', {
      metadata: {
        name: this.name,
        namespace,
        ...usable.argoCdSyncWave !== undefined && { annotations: { [ARGO_CD_SYNC_WAVE]: String(usable.argoCdSyncWave) } },
      },
      spec: Lazy.any({
        produce: () => ({ provider: usable.provider, config: usable.config && { ...usable.config }, credential: usable.credential?._toVelero() }),
      }),
    });
    validateOwnedObjects(this, [{
      object: this.location,
      intentChecks: () => usable.credential?._problems('spec.credential', namespace) ?? [],
    }], { props: () => propsProblems(props, SNAPSHOT_LOCATION_PROPS_SHAPE, '', true) });
  }
}

/** An argument that takes a `KymaVolumeSnapshotLocation`. */
export const SNAPSHOT_LOCATION_TYPE: PropType = {
  instanceOf: KymaVolumeSnapshotLocation,
  name: 'KymaVolumeSnapshotLocation of this app',
  suggest: value => typeof value === 'string'
    ? `a KymaVolumeSnapshotLocation of this app; for locations by name, the volumeSnapshotLocations prop: { volumeSnapshotLocations: [${JSON.stringify(value)}] }` : undefined,
};
