// Property-based tests: random valid scopes synthesize, unchanged, to manifests
// the strict CRD schema accepts; one invalid setting added to a valid scope
// fails the synth with a message naming that setting's field.
import * as fc from 'fast-check';
import { KymaBackupSchedule, KymaSystemBackup, KymaUserBackup } from '../src';
import { backupPropsOf, invalidSetting, scheduleExpression, validProps } from './arbitraries';
import { find, newChart, synthErrors, synthValid } from './helpers';
import { checkSchedule } from '../src/time/cron';

const RUNS = 150;

describe('random valid scopes', () => {
  test('the generated schedules are ones Velero\'s parser accepts', () => {
    fc.assert(fc.property(scheduleExpression, expression => {
      const check = checkSchedule(expression);
      expect([check.veleroError, check.deliberateError]).toEqual([undefined, undefined]);
    }), { numRuns: 500 });
  });

  test('synthesize to schema-valid manifests that carry every setting unchanged', () => {
    fc.assert(fc.property(validProps, props => {
      const chart = newChart();
      new KymaBackupSchedule(chart, 'Sch', props);
      new KymaSystemBackup(chart, 'S', backupPropsOf(props));
      new KymaUserBackup(chart, 'U', backupPropsOf(props));
      const manifests = synthValid(chart);
      const system = find(manifests, 'Schedule', 'kyma-system-backup').spec;
      const user = find(manifests, 'Schedule', 'kyma-backup').spec;
      expect(system.template.includedNamespaces).toEqual(props.systemNamespaces!._toVelero());
      expect(user.template.excludedNamespaces).toEqual([...props.systemNamespaces!._toVelero(), 'kyma-backup', ...(props.excludedNamespaces?._toVelero() ?? [])]);
      expect(find(manifests, 'Backup', 'kyma-system-backup').spec).toEqual(system.template);
      expect(find(manifests, 'Backup', 'kyma-backup').spec).toEqual(user.template);
      if (props.schedule !== undefined) expect(system.schedule).toBe(props.schedule.expressionString);
      if (props.storageLocation !== undefined) expect(user.template.storageLocation).toBe(props.storageLocation);
      if (props.volumeSnapshotLocations !== undefined) expect(user.template.volumeSnapshotLocations).toEqual(props.volumeSnapshotLocations);
      if (props.labelSelector !== undefined) expect(user.template.labelSelector).toEqual(props.labelSelector._toVelero());
      if (props.backupLabels !== undefined) expect(user.template.metadata.labels).toEqual(props.backupLabels);
      expect(user.paused).toBe(props.paused);
    }), { numRuns: RUNS });
  });
});

describe('random invalid scopes', () => {
  test('fail the synth with an error naming the field', () => {
    fc.assert(fc.property(validProps, invalidSetting, (props, [mutation, field]) => {
      const chart = newChart();
      new KymaBackupSchedule(chart, 'Sch', { ...props, ...mutation });
      const message = synthErrors(chart);
      expect(message).toContain(field);
      expect(message).toMatch(/\[test\/Sch\]/);
    }), { numRuns: RUNS });
  });
});
