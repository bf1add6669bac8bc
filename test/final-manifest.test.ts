// The validator judges what is written: each object's final JSON, after
// tokens, patches and metadata edits, for our constructs and for any other
// Velero object in the app. One test per way the written manifest and the
// verdict could drift apart.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Include, JsonPatch, Lazy, Testing } from 'cdk8s';
import { BackupNamespaces, BackupSchedule, KymaBackupSchedule, KymaSystemBackup, KymaUserBackup, ProblemKind, VeleroValidation, velero } from '../src';
import { find, newChart, synthErrors, synthProblems, synthValid } from './helpers';

describe('changes after construction', () => {
  test('a namespace added later is written and judged', () => {
    const chart = newChart();
    const backup = new KymaSystemBackup(chart, 'B', { systemNamespaces: BackupNamespaces.named('kyma-system') });
    backup.addSystemNamespaces(BackupNamespaces.named('monitoring'));
    const [written] = synthValid(chart);
    expect(written.spec.includedNamespaces).toEqual(['kyma-system', 'monitoring']);
  });

  test('an empty system list is refused, and the refusal is about what would be written', () => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'B', { systemNamespaces: BackupNamespaces.named() });
    expect(synthProblems(chart)).toEqual([
      expect.stringMatching(/^\[test\/B\] spec.includedNamespaces = \[\]: is empty, so the system backup would include every namespace/),
    ]);
  });
});

describe('edits after the construct: patches, metadata and tokens', () => {
  test('a JSON patch that breaks the spec is refused', () => {
    const chart = newChart();
    const b = new KymaUserBackup(chart, 'U');
    b.backup.addJsonPatch(JsonPatch.replace('/spec/ttl', '30d'));
    expect(synthProblems(chart)).toEqual([expect.stringMatching(/^\[test\/U\] spec.ttl = "30d": has the unknown unit "d"/)]);
  });

  test('a JSON patch that empties the system include list is refused', () => {
    const chart = newChart();
    const b = new KymaSystemBackup(chart, 'S');
    b.backup.addJsonPatch(JsonPatch.remove('/spec/includedNamespaces'));
    expect(synthErrors(chart)).toContain('[test/S] spec.includedNamespaces = undefined: is empty, so the system backup would include every namespace');
  });

  test('a label added to the metadata is checked by Kubernetes\' rules', () => {
    const chart = newChart();
    const b = new KymaSystemBackup(chart, 'S');
    b.backup.metadata.addLabel('team', 'platform');
    b.backup.metadata.addLabel('bad key!', 'x');
    expect(synthProblems(chart)).toEqual([expect.stringMatching(/^\[test\/S\] metadata.labels = "bad key!": label key has a name that is not letters/)]);
  });

  test('a token is judged by its value, not by its text', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { storageLocation: Lazy.any({ produce: () => 'gcs-eu' }) as string });
    new KymaSystemBackup(chart, 'S', { storageLocation: Lazy.any({ produce: () => 'GCS EU' }) as string });
    const problems = synthProblems(chart);
    expect(problems).toEqual([expect.stringMatching(/^\[test\/S\] spec.storageLocation = "GCS EU": is not a DNS-1123 subdomain/)]);
  });
});

describe('wrong JavaScript types are props problems naming the prop, never a TypeError', () => {
  test.each([
    [{ name: 123 }, 'name = 123: is a whole number; a string'],
    [{ volumeSnapshotLocations: 'default' }, 'volumeSnapshotLocations = "default": is a string ("default"); a list (an array)'],
    [{ systemNamespaces: ['kyma-system'] }, 'systemNamespaces = ["kyma-system"]: is a list; a BackupNamespaces, such as BackupNamespaces.named("kyma-system")'],
    [{ systemNamespaces: BackupNamespaces.named('kyma-system', null as any) }, 'systemNamespaces.BackupNamespaces.named(names)[1] = null: is not a string; a namespace name'],
    [{ ttl: Duration.hours(NaN) }, 'ttl = "(a Duration of NaN ms)": is a Duration of NaN ms; a cdk8s Duration of a finite length'],
    [{ csiSnapshotTimeout: Duration.minutes(Infinity) }, 'csiSnapshotTimeout = "(a Duration of Infinity ms)": is a Duration of Infinity ms'],
    [{ hooks: [{ pre: [{ command: ['sync'] }] }] }, 'hooks[0].name = undefined: is missing; this prop is required'],
    [{ snapshotVolumes: 'yes' }, 'snapshotVolumes = "yes": is a string ("yes"); true or false'],
  ])('%j', (props, expected) => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'S', props as any);
    const problems = synthProblems(chart);
    expect(problems.join('\n')).toContain(`[test/S] ${expected}`);
    expect(problems.every(p => p.endsWith('(props error)'))).toBe(true);
  });

  test('paused: "yes" on a schedule', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Sch', { paused: 'yes' } as any);
    expect(synthProblems(chart)).toEqual(['[test/Sch] paused = "yes": is a string ("yes"); true or false (props error)']);
  });

  test('a misspelled prop names the prop it likely meant', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { excludedNamespace: BackupNamespaces.named('tmp') } as any);
    expect(synthProblems(chart)).toEqual([
      expect.stringMatching(/^\[test\/U\] excludedNamespace = .*: is not a prop of this construct, so it would be ignored; did you mean `excludedNamespaces`\? \(props error\)$/),
    ]);
  });
});

describe('durations', () => {
  test('Duration.hours(1.1) is exactly 1h6m0s, floating point noise aside', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { ttl: Duration.hours(1.1) });
    expect(synthValid(chart)[0].spec.ttl).toBe('1h6m0s');
  });

  test('every Duration.days(x.y) up to 100 days is written, none refused as a fraction', () => {
    for (let tenths = 1; tenths <= 1000; tenths++) {
      const chart = newChart();
      new KymaUserBackup(chart, 'U', { ttl: Duration.days(tenths / 10) });
      const minutes = tenths * 144;
      expect(synthValid(chart)[0].spec.ttl).toBe(`${Math.floor(minutes / 60)}h${minutes % 60}m0s`);
    }
  });

  test('a real fraction of a nanosecond is still refused', () => {
    const chart = newChart();
    new KymaUserBackup(chart, 'U', { ttl: Duration.millis(0.0000005) });
    expect(synthErrors(chart)).toContain('[test/U] ttl = "5e-7ms": is not a whole number of nanoseconds');
  });
});

describe('one problem never hides another, and reports stay readable', () => {
  test('an unknown time zone and an hour of 25 are both reported', () => {
    const chart = newChart();
    new KymaBackupSchedule(chart, 'Sch', { schedule: BackupSchedule.expression('CRON_TZ=Mars/Olympus 0 25 * * *') });
    const problems = synthProblems(chart);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('names the time zone "Mars/Olympus"');
    expect(problems[0]).toContain('it also has an invalid hour field "25"');
  });

  test('a 1 MB name is cut in the message', () => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'S', { name: 'a'.repeat(1_000_000) });
    const message = synthErrors(chart);
    expect(message.length).toBeLessThan(2_000);
    expect(message).toContain('… (1000002 characters)');
  });

  test('a name shared by many objects is one problem, and the report grows linearly', () => {
    const report = (n: number) => {
      const chart = newChart();
      for (let i = 0; i < n; i++) new KymaBackupSchedule(chart, `S${i}`);
      return synthProblems(chart);
    };
    const small = report(200);
    const large = report(2000);
    // One problem per Schedule name (system and user), each on its first object.
    expect(small).toHaveLength(2);
    expect(large).toHaveLength(2);
    expect(large[0]).toMatch(/that 1999 other objects also create \(test\/S1\/System, test\/S2\/System, .* and 1994 more\)/);
    expect(large.join('\n').length).toBeLessThan(2_000);
  });
});

describe('every Velero object of the app, not only ours', () => {
  test('a raw velero.Backup beside a construct with the same name is caught', () => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'S');
    new velero.Backup(chart, 'Raw', { metadata: { name: 'kyma-system-backup', namespace: 'kyma-backup' }, spec: { ttl: '1 day' } });
    const problems = synthProblems(chart);
    expect(problems).toEqual([
      expect.stringMatching(/^\[test\/S\] metadata.name = "kyma-system-backup": names a Backup in namespace kyma-backup that 1 other object also creates \(test\/Raw\)/),
      expect.stringMatching(/^\[test\/Raw\] spec.ttl = "1 day": has the unknown unit " day"/),
    ]);
  });

  test('an ApiObject of a Velero kind and an Include of Velero YAML are judged at their paths', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'velero-include-'));
    const file = path.join(dir, 'schedule.yaml');
    fs.writeFileSync(file, [
      'apiVersion: velero.io/v1', 'kind: Schedule', 'metadata: {name: helm-nightly, namespace: velero}',
      'spec: {schedule: "0 0 1 * * *", template: {includedNamespaces: ["*"]}}', '',
    ].join('\n'));
    const chart = newChart();
    new KymaUserBackup(chart, 'U');
    new Include(chart, 'Helm', { url: file });
    new ApiObject(chart, 'Plain', { apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'r', namespace: 'velero' }, spec: { backupName: 'b', restorePVs: 'yes' } });
    const problems = synthProblems(chart);
    expect(problems).toEqual([
      expect.stringMatching(/^\[test\/Helm\/helm-nightly-schedule-velero\] spec.schedule = "0 0 1 \* \* \*": has 6 fields/),
      expect.stringMatching(/^\[test\/Plain\] spec.restorePVs = "yes": is a string; the CRD declares a boolean/),
    ]);
  });

  test('VeleroValidation.addTo checks an app that has none of our constructs', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'raw');
    new velero.Schedule(chart, 'S', { metadata: { name: 's', namespace: 'velero' }, spec: { schedule: '@every 1s', template: {} } });
    VeleroValidation.addTo(chart);
    expect(() => app.synthYaml()).toThrow(/\[raw\/S\] spec.schedule = "@every 1s": has an @every interval below one minute/);
  });

  test('a change between two synths of one synchronous run is judged afresh', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const b = new KymaUserBackup(chart, 'U');
    expect(app.synthYaml()).toContain('kind: Backup');
    b.backup.addJsonPatch(JsonPatch.replace('/spec/ttl', '30d'));
    expect(() => app.synthYaml()).toThrow(/\[c\/U\] spec.ttl = "30d"/);
    expect(() => Testing.synth(chart)).toThrow(/\[c\/U\] spec.ttl = "30d"/);
  });

  test('what synth writes is what was judged: each object is rendered once', () => {
    const chart = newChart();
    let renders = 0;
    new KymaUserBackup(chart, 'U', { storageLocation: Lazy.any({ produce: () => { renders++; return 'default'; } }) as string });
    expect(Testing.synth(chart)[0].spec.storageLocation).toBe('default');
    expect(renders).toBe(1);
    // App.synthYaml validates twice (once itself, once per chart); still one rendering.
    renders = 0;
    expect(App.of(chart).synthYaml()).toContain('storageLocation: default');
    expect(renders).toBe(1);
  });
});

describe('VeleroValidation on manifests', () => {
  const backup = (spec: any, name = 'b') => ({ apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name, namespace: 'velero' }, spec });

  test('returns problems as data, passing over other API groups', () => {
    const problems = VeleroValidation.validateObjects([
      backup({ includedNamespaces: ['*'] }),
      backup({ includedNamespace: ['*'] }, 'typo'),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
    ]);
    expect(problems).toEqual([{
      resource: 'Backup velero/typo',
      field: 'spec.includedNamespace',
      value: ['*'],
      message: expect.stringMatching(/^is not a field of the CRD, so the API server would drop it; the fields here are /),
      kind: ProblemKind.VELERO,
      file: undefined,
    }]);
  });

  test('reads YAML files and formats one line per problem', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'velero-files-')), 'b.yaml');
    fs.writeFileSync(file, 'apiVersion: velero.io/v1\nkind: Backup\nmetadata: {name: b, namespace: velero}\nspec: {excludedNamespaces: ["*"]}\n');
    const problems = VeleroValidation.validateFiles([file]);
    expect(problems.map(p => p.file)).toEqual([file, file]);
    // An empty include list is read as "*", so Velero reports the overlap too.
    expect(VeleroValidation.format(problems)).toBe([
      '[Backup velero/b] spec.excludedNamespaces[0] = "*": "*" is not allowed in an exclude list; Velero accepts only specific items (or patterns, for namespaces) here',
      '[Backup velero/b] spec.excludedNamespaces[0] = "*": is also in spec.includedNamespaces; Velero accepts an item in the include list or the exclude list, not both',
    ].join('\n'));
  });
});

test('the default app is unchanged by final-manifest validation', () => {
  const chart = newChart();
  new KymaSystemBackup(chart, 'SystemBackup');
  new KymaUserBackup(chart, 'UserBackup');
  new KymaBackupSchedule(chart, 'Schedule');
  const manifests = synthValid(chart);
  expect(find(manifests, 'Schedule', 'kyma-backup').spec.schedule).toBe('0 1 * * *');
});
