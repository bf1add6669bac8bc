// KymaBackupStorageLocation and KymaVolumeSnapshotLocation: credentials by
// Secret reference only, accepted by the backup constructs, and checked
// across the app.
import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  BackupStorageAccessMode, KymaBackupSchedule, KymaBackupStorageLocation, KymaSystemBackup, KymaUserBackup,
  KymaVolumeSnapshotLocation, LocationCredential,
} from '../src';
import { find, newChart, synthProblems, synthValid } from './helpers';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('KymaBackupStorageLocation', () => {
  test('every prop renders; the name defaults to the guide\'s "default"', () => {
    const chart = newChart();
    const secret = new kplus.Secret(chart, 'Cloud', { metadata: { name: 'cloud-credentials', namespace: 'kyma-backup' }, stringData: { cloud: '[default]\n' } });
    const bsl = new KymaBackupStorageLocation(chart, 'Bsl', {
      provider: 'aws',
      bucket: 'kyma-backups',
      prefix: 'cluster-a',
      config: { region: 'eu-central-1', s3ForcePathStyle: 'true' },
      caCertificate: CA,
      default: true,
      accessMode: BackupStorageAccessMode.READ_WRITE,
      backupSyncPeriod: Duration.minutes(2),
      validationFrequency: Duration.minutes(5),
      credential: LocationCredential.fromSecret(secret, 'cloud'),
    });
    expect(bsl.name).toBe('default');
    expect(bsl.node.defaultChild).toBe(bsl.location);
    const location = find(synthValid(chart), 'BackupStorageLocation', 'default');
    expect(location.metadata.namespace).toBe('kyma-backup');
    expect(location.spec).toEqual({
      provider: 'aws',
      objectStorage: { bucket: 'kyma-backups', prefix: 'cluster-a', caCert: Buffer.from(CA).toString('base64') },
      config: { region: 'eu-central-1', s3ForcePathStyle: 'true' },
      credential: { name: 'cloud-credentials', key: 'cloud' },
      default: true,
      accessMode: 'ReadWrite',
      backupSyncPeriod: '2m0s',
      validationFrequency: '5m0s',
    });
  });

  test('credentials by Secret name, for Secrets made elsewhere', () => {
    const chart = newChart();
    new KymaBackupStorageLocation(chart, 'Bsl', { provider: 'gcp', bucket: 'b', credential: LocationCredential.fromSecretName('gcp-sa', 'key.json') });
    expect(synthValid(chart)[0].spec.credential).toEqual({ name: 'gcp-sa', key: 'key.json' });
  });

  test('a key the app\'s Secret lacks, or a Secret outside Velero\'s namespace, is refused', () => {
    const chart = newChart();
    const elsewhere = new kplus.Secret(chart, 'Elsewhere', { metadata: { name: 's', namespace: 'default' }, stringData: { cloud: 'x' } });
    new KymaBackupStorageLocation(chart, 'Bsl', { provider: 'aws', bucket: 'b', credential: LocationCredential.fromSecret(elsewhere, 'clould') });
    expect(synthProblems(chart)).toEqual([
      expect.stringMatching(/^\[test\/Bsl\] spec.credential.key = "clould": is not a key of Secret s \(test\/Elsewhere\/Resource\), so the location would never become available; one of its keys: cloud/),
      expect.stringMatching(/^\[test\/Bsl\] spec.credential.name = "s": names a Secret in namespace default; Velero reads credentials only from its own namespace, kyma-backup/),
    ]);
  });

  test('an ApiObject of kind Secret is a Secret too', () => {
    const chart = newChart();
    const secret = new ApiObject(chart, 'Raw', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'raw', namespace: 'kyma-backup' }, data: { cloud: 'eA==' } });
    new KymaVolumeSnapshotLocation(chart, 'Vsl', { provider: 'aws', credential: LocationCredential.fromSecret(secret, 'cloud') });
    expect(find(synthValid(chart), 'VolumeSnapshotLocation', 'default').spec).toEqual({ provider: 'aws', credential: { name: 'raw', key: 'cloud' } });
  });

  test('Velero\'s refusals and ours: an empty bucket, a bucket with a folder, a provider no plugin has, two defaults', () => {
    const chart = newChart();
    new KymaBackupStorageLocation(chart, 'Empty', { name: 'empty', provider: 'aws', bucket: '', default: true });
    new KymaBackupStorageLocation(chart, 'Folder', { name: 'folder', provider: 'aws', bucket: 'b/backups', default: true });
    new KymaBackupStorageLocation(chart, 'Plugin', { name: 'plugin', provider: 'a/b/c', bucket: 'b' });
    expect(synthProblems(chart)).toEqual([
      expect.stringMatching(/^\[test\/Empty\] spec.objectStorage.bucket = "": is empty; .* \(deliberate difference from Velero, see README\)$/),
      expect.stringMatching(/^\[test\/Empty\] spec.default = true: is set on 2 storage locations in namespace kyma-backup \(test\/Empty, test\/Folder\)/),
      expect.stringMatching(/^\[test\/Folder\] spec.objectStorage.bucket = "b\/backups": contains "\/" between its ends/),
      expect.stringMatching(/^\[test\/Plugin\] spec.provider = "a\/b\/c": names no plugin Velero can load/),
    ]);
  });

  test('wrong JavaScript types and missing props are props problems', () => {
    const chart = newChart();
    new KymaBackupStorageLocation(chart, 'Bsl', { provider: 'aws', credential: { name: 'x', key: 'y' } } as any);
    expect(synthProblems(chart)).toEqual([
      '[test/Bsl] credential = {"name":"x","key":"y"}: is an object; a LocationCredential, such as LocationCredential.fromSecret(secret, "cloud") (props error)',
      '[test/Bsl] bucket = undefined: is missing; this prop is required (props error)',
    ]);
  });
});

describe('backups and locations', () => {
  test('the constructs accept location constructs: use…Location methods, after construction', () => {
    const chart = newChart();
    const bsl = new KymaBackupStorageLocation(chart, 'Bsl', { name: 'eu', provider: 'aws', bucket: 'b' });
    const vsl = new KymaVolumeSnapshotLocation(chart, 'Vsl', { name: 'eu-snapshots', provider: 'aws' });
    const system = new KymaSystemBackup(chart, 'S');
    const schedule = new KymaBackupSchedule(chart, 'Sch');
    system.useStorageLocation(bsl);
    system.useVolumeSnapshotLocations(vsl);
    schedule.useStorageLocation(bsl);
    schedule.useVolumeSnapshotLocations(vsl);
    const manifests = synthValid(chart);
    expect(find(manifests, 'Backup', 'kyma-system-backup').spec).toMatchObject({ storageLocation: 'eu', volumeSnapshotLocations: ['eu-snapshots'] });
    for (const name of ['kyma-system-backup', 'kyma-backup']) {
      expect(find(manifests, 'Schedule', name).spec.template).toMatchObject({ storageLocation: 'eu', volumeSnapshotLocations: ['eu-snapshots'] });
    }
  });

  test('where the app defines locations, a backup naming another is refused', () => {
    const chart = newChart();
    new KymaBackupStorageLocation(chart, 'Bsl', { provider: 'aws', bucket: 'b' });
    new KymaVolumeSnapshotLocation(chart, 'Vsl', { name: 'csi', provider: 'aws' });
    new KymaUserBackup(chart, 'U', { storageLocation: 'elsewhere' });
    expect(synthProblems(chart)).toEqual([
      expect.stringMatching(/^\[test\/U\] spec.storageLocation = "elsewhere": names no BackupStorageLocation of this app in namespace kyma-backup; one the app defines: default/),
      expect.stringMatching(/^\[test\/U\] spec.volumeSnapshotLocations\[0\] = "default": names no VolumeSnapshotLocation of this app in namespace kyma-backup; one the app defines: csi/),
    ]);
  });

  test('the guide\'s default backups and default locations fit together', () => {
    const chart = newChart();
    new KymaBackupStorageLocation(chart, 'Bsl', { provider: 'aws', bucket: 'b' });
    new KymaVolumeSnapshotLocation(chart, 'Vsl', { provider: 'aws' });
    new KymaSystemBackup(chart, 'S');
    new KymaUserBackup(chart, 'U');
    expect(synthValid(chart)).toHaveLength(4);
  });

  test('omitVolumeSnapshotLocations names no snapshot location, for CSI or file-system backup', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { omitVolumeSnapshotLocations: true, defaultVolumesToFsBackup: true });
    const [user] = synthValid(chart);
    expect(user.spec).not.toHaveProperty('volumeSnapshotLocations');
    expect(user.spec.storageLocation).toBe('default');
  });

  test('omitVolumeSnapshotLocations with volumeSnapshotLocations is a props error', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { omitVolumeSnapshotLocations: true, volumeSnapshotLocations: ['csi'] });
    expect(synthProblems(chart)).toEqual([
      '[test/U] omitVolumeSnapshotLocations = true: is set together with volumeSnapshotLocations (["csi"]); give one of them (props error)',
    ]);
  });
});

describe('Argo CD sync wave', () => {
  test('argoCdSyncWave writes the annotation on the location; without it, none', () => {
    const chart = newChart();
    new KymaBackupStorageLocation(chart, 'Bsl', { provider: 'aws', bucket: 'b', argoCdSyncWave: -1 });
    new KymaVolumeSnapshotLocation(chart, 'Vsl', { provider: 'aws', argoCdSyncWave: -1 });
    new KymaBackupStorageLocation(chart, 'Plain', { name: 'plain', provider: 'aws', bucket: 'b' });
    const manifests = synthValid(chart);
    expect(find(manifests, 'BackupStorageLocation', 'default').metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-1' });
    expect(find(manifests, 'VolumeSnapshotLocation', 'default').metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-1' });
    expect(find(manifests, 'BackupStorageLocation', 'plain').metadata.annotations).toBeUndefined();
  });

  test('a wave that is no whole number is a props problem', () => {
    const chart = newChart();
    new KymaBackupStorageLocation(chart, 'Bsl', { provider: 'aws', bucket: 'b', argoCdSyncWave: 0.5 });
    expect(synthProblems(chart)).toEqual(['[test/Bsl] argoCdSyncWave = 0.5: is a fractional number; a whole number (props error)']);
  });
});
