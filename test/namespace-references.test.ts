// Namespace references work with any cdk8s-plus version (the peer is
// cdk8s-plus-27; cdk8s-plus-33 is installed only for this test) and with a
// plain ApiObject of kind Namespace, read by name at synth.
import { ApiObject } from 'cdk8s';
import * as kplus27 from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { BackupNamespaces, KymaBackupSchedule, KymaUserBackup } from '../src';
import { find, newChart, synthProblems, synthValid } from './helpers';

test('a cdk8s-plus-33 Namespace, a cdk8s-plus-27 one and an ApiObject of kind Namespace are taken by name', () => {
  const chart = newChart();
  const monitoring = new kplus33.Namespace(chart, 'Monitoring', { metadata: { name: 'monitoring' } });
  const logging = new kplus27.Namespace(chart, 'Logging', { metadata: { name: 'logging' } });
  const raw = new ApiObject(chart, 'Raw', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'raw' } });
  const generated = new kplus33.Namespace(chart, 'Scratch');
  const schedule = new KymaBackupSchedule(chart, 'Sch', {
    systemNamespaces: BackupNamespaces.named('kyma-system').and(BackupNamespaces.of(monitoring, logging)),
    hooks: [{ name: 'freeze', includedNamespaces: BackupNamespaces.of(monitoring), pre: [{ command: ['sync'] }] }],
  });
  schedule.addSystemNamespaces(BackupNamespaces.of(raw));
  schedule.excludeNamespaces(BackupNamespaces.of(generated));
  const manifests = synthValid(chart);
  const system = find(manifests, 'Schedule', 'kyma-system-backup').spec.template;
  expect(system.includedNamespaces).toEqual(['kyma-system', 'monitoring', 'logging', 'raw']);
  expect(system.excludedNamespaces).toEqual(['kyma-backup', generated.name]);
  expect(generated.name).toMatch(/^test-scratch-/);
  expect(system.hooks.resources[0].includedNamespaces).toEqual(['monitoring']);
});

test('a construct that is not a Namespace is a props problem naming it', () => {
  const chart = newChart();
  const config = new kplus33.ConfigMap(chart, 'Config');
  new KymaUserBackup(chart, 'U', { excludedNamespaces: BackupNamespaces.of(config) });
  expect(synthProblems(chart)).toEqual([
    '[test/U] excludedNamespaces.BackupNamespaces.of(namespaces)[0] = "test/Config": is a ConfigMap, not a Namespace; a Namespace construct (cdk8s-plus, or an ApiObject of kind Namespace) (props error)',
  ]);
});
