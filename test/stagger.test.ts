import { BackupSchedule, KymaBackupRule } from '../src';
import { STAGGER_MINUTES, staggerRules } from '../src/plan/stagger';

const written = (rules: KymaBackupRule[], year = 2027) => staggerRules(rules, year).schedules.map(s => s.expressionString);

describe('staggerRules', () => {
  test('rules whose minute was left out take the first minutes no other rule starts in', () => {
    // daily, weekly and monthly all run at 01:00: the weekly and monthly runs fall on daily days.
    const { schedules, problems } = staggerRules([KymaBackupRule.daily(), KymaBackupRule.weekly(), KymaBackupRule.monthly()], 2027);
    expect(problems).toEqual([]);
    expect(schedules.map(s => s.expressionString)).toEqual(['0 1 * * *', '15 1 * * SUN', '30 1 1 * *']);
  });

  test('a rule with a minute of its own keeps it, and the others move around it', () => {
    expect(written([KymaBackupRule.daily({ minute: '0' }), KymaBackupRule.daily({ name: 'second' })])).toEqual(['0 1 * * *', '15 1 * * *']);
    expect(written([KymaBackupRule.daily({ name: 'first' }), KymaBackupRule.daily({ name: 'pinned', minute: '0' })])).toEqual(['15 1 * * *', '0 1 * * *']);
  });

  test('two pinned rules that start together are a problem naming both and the first clash', () => {
    const { problems } = staggerRules([
      KymaBackupRule.daily({ name: 'a', minute: '0' }),
      KymaBackupRule.custom({ name: 'b', schedule: BackupSchedule.cron({ minute: '0', hour: '1', weekDay: 'MON' }), keep: 4 }),
    ], 2027);
    expect(problems).toEqual([expect.objectContaining({
      field: 'rules[1].schedule',
      value: '0 1 * * MON',
      wrong: 'starts in the same minute as rule "a" (first at 2027-01-04 01:00 UTC+00:00)',
    })]);
  });

  test('a rule that clashes at every minute it may take is a problem', () => {
    const pinned = STAGGER_MINUTES.map(minute => KymaBackupRule.daily({ name: `m${minute}`, minute: String(minute) }));
    const { problems, schedules } = staggerRules([...pinned, KymaBackupRule.daily({ name: 'moving' })], 2027);
    expect(problems.map(p => [p.field, p.wrong])).toEqual([
      [`rules[${pinned.length}].schedule`, 'starts in the same minute as another rule at every minute staggering can choose'],
    ]);
    // The rule keeps its schedule: the synth fails, nothing is written.
    expect(schedules[pinned.length].expressionString).toBe('0 1 * * *');
  });

  test('@every rules neither move nor take minutes from the others', () => {
    expect(written([KymaBackupRule.custom({ name: 'e', schedule: BackupSchedule.expression('@every 1h'), keep: 3 }), KymaBackupRule.daily()]))
      .toEqual(['@every 1h', '0 1 * * *']);
  });

  test('runs are compared in UTC, so rules in different zones clash only when they truly start together', () => {
    // 02:00 in Berlin (UTC+1 in winter, +2 in summer) is 01:00 UTC in winter: the daily at 01:00 UTC moves.
    const berlin = KymaBackupRule.daily({ name: 'berlin', minute: '0', hour: '2', timeZone: 'Europe/Berlin' });
    expect(written([berlin, KymaBackupRule.daily()])).toEqual(['CRON_TZ=Europe/Berlin 0 2 * * *', '15 1 * * *']);
  });

  test('a schedule Velero would refuse is left as it is, for its own problem to be reported', () => {
    const funday = KymaBackupRule.weekly({ weekDay: 'FUNDAY' });
    const { schedules, problems } = staggerRules([KymaBackupRule.daily(), funday], 2027);
    expect(problems).toEqual([]);
    expect(schedules.map(s => s.expressionString)).toEqual(['0 1 * * *', '0 1 * * FUNDAY']);
  });
});
