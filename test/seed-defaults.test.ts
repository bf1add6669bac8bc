// The defaults reproduce Kyma's guide: system-backup.yaml and all-backup.yaml,
// field for field (their null fields are left out), in Backups and Schedule
// templates, in namespace kyma-backup, with the guide's schedule slip fixed.
import { KymaBackupSchedule, KymaSystemBackup, KymaUserBackup } from '../src';
import { find, newChart, synthValid } from './helpers';
import { SYSTEM_SPEC, USER_SPEC } from './kyma-seed';


function fullDefaultApp() {
  const chart = newChart();
  new KymaSystemBackup(chart, 'SystemBackup');
  new KymaUserBackup(chart, 'UserBackup');
  new KymaBackupSchedule(chart, 'Schedule');
  return synthValid(chart);
}

describe('defaults reproduce the Kyma guide', () => {
  const manifests = fullDefaultApp();

  test('exactly two Backups and two Schedules, all velero.io/v1 in namespace kyma-backup', () => {
    expect(manifests.map(m => `${m.apiVersion} ${m.kind} ${m.metadata.namespace}/${m.metadata.name}`).sort()).toEqual([
      'velero.io/v1 Backup kyma-backup/kyma-backup',
      'velero.io/v1 Backup kyma-backup/kyma-system-backup',
      'velero.io/v1 Schedule kyma-backup/kyma-backup',
      'velero.io/v1 Schedule kyma-backup/kyma-system-backup',
    ]);
    // Nothing is added to the metadata either.
    for (const m of manifests) {
      expect(Object.keys(m.metadata).sort()).toEqual(['name', 'namespace']);
    }
  });

  test('the system Backup spec is system-backup.yaml', () => {
    const spec = find(manifests, 'Backup', 'kyma-system-backup').spec;
    expect(spec).toStrictEqual(SYSTEM_SPEC);
    expect(spec.includedNamespaces).toEqual(['istio-system', 'kyma-system', 'kyma-integration', 'kyma-installer', 'default', 'natss']);
    expect(spec.excludedNamespaces).toEqual(['kyma-backup']);
    expect(spec.includedResources).toEqual(['*']);
    expect(spec.excludedResources).toEqual(['testdefinitions.testing.kyma-project.io', 'pods']);
    expect(spec).not.toHaveProperty('includeClusterResources');
    expect(spec).not.toHaveProperty('labelSelector');
    expect(spec.storageLocation).toBe('default');
    expect(spec.volumeSnapshotLocations).toEqual(['default']);
    expect(spec).not.toHaveProperty('ttl');
  });

  test('the user Backup spec is all-backup.yaml', () => {
    const spec = find(manifests, 'Backup', 'kyma-backup').spec;
    expect(spec).toStrictEqual(USER_SPEC);
    expect(spec.includedNamespaces).toEqual(['*']);
    expect(spec.excludedNamespaces).toEqual(['istio-system', 'kyma-system', 'kyma-integration', 'kyma-installer', 'default', 'natss', 'kyma-backup']);
    expect(spec.includedResources).toEqual(['*']);
    expect(spec.excludedResources).toEqual(['pods']);
    expect(spec.includeClusterResources).toBe(true);
    expect(spec).not.toHaveProperty('labelSelector');
    expect(spec.storageLocation).toBe('default');
    expect(spec.volumeSnapshotLocations).toEqual(['default']);
  });

  test('each Schedule runs at 01:00 daily with its own spec as template (the guide\'s slip fixed)', () => {
    const system = find(manifests, 'Schedule', 'kyma-system-backup');
    const user = find(manifests, 'Schedule', 'kyma-backup');
    expect(system.spec).toStrictEqual({ schedule: '0 1 * * *', template: SYSTEM_SPEC });
    expect(user.spec).toStrictEqual({ schedule: '0 1 * * *', template: USER_SPEC });
    expect(user.spec.template.includedNamespaces).toEqual(['*']);
  });

  test('system and user scopes together cover every namespace once, Velero\'s own excluded', () => {
    const system = find(manifests, 'Backup', 'kyma-system-backup').spec;
    const user = find(manifests, 'Backup', 'kyma-backup').spec;
    expect(user.excludedNamespaces).toEqual([...system.includedNamespaces, ...system.excludedNamespaces]);
    expect(system.includedNamespaces.filter((ns: string) => user.excludedNamespaces.includes(ns))).toEqual(system.includedNamespaces);
  });

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });
});
