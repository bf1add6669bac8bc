// KymaBackupPlan: rules, ladder presets, staggering, the on-demand pair, the
// summary and the alerts.
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import { BackupNamespaces, BackupSchedule, KymaBackupPlan, KymaBackupRule, KymaBackupSchedule } from '../src';
import { find, newChart, synthErrors, synthValid } from './helpers';
import { PROMETHEUS_CRD_SCHEMAS } from '../imports/prometheus-schemas';
import { checkSchedule } from '../src/time/cron';
import { runsBetween, yearWindow } from '../src/time/cron-runs';
import { checkAgainstSchema } from '../src/validation/crd-schema';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('rules', () => {
  test('the 1-year ladder writes a system and a user Schedule per rule, staggered, with ttl = keep x longest interval', () => {
    const chart = newChart();
    KymaBackupPlan.dailyWeeklyMonthly1YearRetention(chart, 'Plan');
    const manifests = synthValid(chart);
    const schedules = manifests.filter(m => m.kind === 'Schedule').map(m => [m.metadata.name, m.spec.schedule, m.spec.template.ttl]);
    expect(schedules).toEqual([
      ['kyma-system-backup-daily', '0 1 * * *', '168h0m0s'],
      ['kyma-backup-daily', '0 1 * * *', '168h0m0s'],
      ['kyma-system-backup-weekly', '15 1 * * SUN', '672h0m0s'],
      ['kyma-backup-weekly', '15 1 * * SUN', '672h0m0s'],
      ['kyma-system-backup-monthly', '30 1 1 * *', '8928h0m0s'],
      ['kyma-backup-monthly', '30 1 1 * *', '8928h0m0s'],
    ]);
    // The templates are the guide's specs, as for KymaBackupSchedule.
    const system = find(manifests, 'Schedule', 'kyma-system-backup-daily').spec.template;
    const user = find(manifests, 'Schedule', 'kyma-backup-daily').spec.template;
    expect(system.includedNamespaces).toEqual(['istio-system', 'kyma-system', 'kyma-integration', 'kyma-installer', 'default', 'natss']);
    expect(user.includedNamespaces).toEqual(['*']);
  });

  test('the 5-year ladder keeps 60 monthly backups; daily35DayRetention keeps 35 daily', () => {
    const chart = newChart();
    KymaBackupPlan.dailyWeeklyMonthly5YearRetention(chart, 'Five', { systemName: 'five-system', userName: 'five' });
    KymaBackupPlan.daily35DayRetention(chart, 'Short', { systemName: 'short-system', userName: 'short' });
    const manifests = synthValid(chart);
    expect(find(manifests, 'Schedule', 'five-monthly').spec.template.ttl).toBe(`${60 * 744}h0m0s`);
    expect(find(manifests, 'Schedule', 'short-daily').spec.template.ttl).toBe(`${35 * 24}h0m0s`);
  });

  test('in a zone, keep counts the longest interval: a Berlin daily at 02:30 spans 47 h once a year', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 2, hour: '2', minute: '30', timeZone: 'Europe/Berlin' })] });
    const schedule = find(synthValid(chart), 'Schedule', 'kyma-backup-daily').spec;
    expect(schedule.schedule).toBe('CRON_TZ=Europe/Berlin 30 2 * * *');
    expect(schedule.template.ttl).toBe('94h0m0s');
  });

  test('a custom rule takes its own schedule and ttl; keep works for @every too', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan');
    plan.addRule(KymaBackupRule.custom({ name: 'six-hourly', schedule: BackupSchedule.every(Duration.hours(6)), keep: 4 }));
    plan.addRule(KymaBackupRule.custom({ name: 'quarterly', schedule: BackupSchedule.expression('0 3 1 1,4,7,10 *'), ttl: Duration.days(200) }));
    const manifests = synthValid(chart);
    expect(find(manifests, 'Schedule', 'kyma-backup-six-hourly').spec).toMatchObject({ schedule: '@every 6h0m0s', template: { ttl: '24h0m0s' } });
    expect(find(manifests, 'Schedule', 'kyma-backup-quarterly').spec).toMatchObject({ schedule: '0 3 1 1,4,7,10 *', template: { ttl: '4800h0m0s' } });
  });

  test('a rule without keep or ttl takes the plan\'s ttl, and is gap-checked against it', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', { ttl: Duration.days(10), rules: [KymaBackupRule.weekly()] });
    expect(find(synthValid(chart), 'Schedule', 'kyma-backup-weekly').spec.template.ttl).toBe('240h0m0s');
    const short = newChart();
    new KymaBackupPlan(short, 'Plan', { ttl: Duration.days(6), rules: [KymaBackupRule.weekly()] });
    // Both Schedules of the rule share the problem: one line, without their labels.
    expect(synthErrors(short)).toContain('[test/Plan] spec.template.ttl = "144h0m0s": keeps each backup for less than the longest interval');
  });

  test('add…() on the plan reaches every rule\'s Schedules, also rules added later', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })] });
    plan.excludeNamespaces(BackupNamespaces.named('scratch'));
    plan.addRule(KymaBackupRule.weekly({ keep: 4 }));
    const manifests = synthValid(chart);
    for (const name of ['kyma-backup-daily', 'kyma-backup-weekly']) {
      expect(find(manifests, 'Schedule', name).spec.template.excludedNamespaces).toContain('scratch');
    }
  });
});

describe('staggering', () => {
  test('is on by default and keeps minutes the user gave', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', {
      rules: [KymaBackupRule.daily({ keep: 7, minute: '15' }), KymaBackupRule.weekly({ keep: 4 }), KymaBackupRule.monthly({ keep: 12 })],
    });
    const schedules = synthValid(chart).filter(m => m.kind === 'Schedule').map(m => m.spec.schedule);
    expect([...new Set(schedules)]).toEqual(['15 1 * * *', '0 1 * * SUN', '30 1 1 * *']);
  });

  test('off, the presets start together', () => {
    const chart = newChart();
    KymaBackupPlan.dailyWeeklyMonthly1YearRetention(chart, 'Plan', { stagger: false });
    const schedules = synthValid(chart).filter(m => m.kind === 'Schedule').map(m => m.spec.schedule);
    expect([...new Set(schedules)]).toEqual(['0 1 * * *', '0 1 * * SUN', '0 1 1 * *']);
  });

  test('on, rules the user pinned to one minute fail the synth, naming the first shared run', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', {
      rules: [KymaBackupRule.daily({ keep: 7, minute: '0' }), KymaBackupRule.weekly({ keep: 4, minute: '0' })],
    });
    expect(synthErrors(chart)).toContain('[test/Plan] rules[1].schedule = "0 1 * * SUN": starts in the same minute as rule "daily" (first at 2027-01-03 01:00 UTC+00:00); '
      + 'rules that never start together: give one another minute, or set stagger: false (props error)');
  });
});

describe('refusals', () => {
  test('options misspelled or mistyped from JavaScript, and keep with ttl', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', {
      rules: [
        KymaBackupRule.daily({ keeep: 7 } as any),
        KymaBackupRule.custom({ name: 'sundays', schedule: BackupSchedule.cron({ weekday: 'SUN' } as any), keep: 2 }),
        KymaBackupRule.weekly({ keep: 4, ttl: Duration.days(28) }),
        KymaBackupRule.monthly({ keep: '12' as any }),
      ],
    });
    const message = synthErrors(chart);
    expect(message).toContain('[test/Plan] rules[0].keeep = 7: is not a prop of this construct, so it would be ignored; did you mean `keep`? (props error)');
    expect(message).toContain('[test/Plan] rules[1].schedule.weekday = "SUN": is not a prop of this construct, so it would be ignored; did you mean `weekDay`?');
    expect(message).toContain('[test/Plan] rules[2].keep = 4: is given together with ttl; keep (the ttl follows) or ttl, not both (props error)');
    expect(message).toContain('[test/Plan] rules[3].keep = "12": is a string ("12"); a whole number');
  });

  test('alert options misspelled from JavaScript', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })] });
    plan.addAlerts({ lables: { release: 'prometheus' } } as any);
    // Reported as the call's: the plan's addAlerts(options).
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Plan\] addAlerts\(options\)\.lables = \{"release":"prometheus"\}: is not a prop of this construct, so it would be ignored; did you mean `labels`\?/);
  });

  test('a plan without rules', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan');
    expect(synthErrors(chart)).toContain('[test/Plan] rules = []: is empty, so the plan would back up nothing; at least one rule, such as addRule(KymaBackupRule.daily({ keep: 7 })) (props error)');
  });

  test('two rules of one name, a keep below 1, a rule that is not a KymaBackupRule', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 0 }), KymaBackupRule.daily({ keep: 7, minute: '5' })] });
    const message = synthErrors(chart);
    expect(message).toContain('[test/Plan] rules[0].keep = 0: is not a whole number of at least 1');
    expect(message).toContain('[test/Plan] rules[1].name = "daily": is also the name of rules[0]');
    const other = newChart();
    new KymaBackupPlan(other, 'Plan', { rules: [{ name: 'daily' } as any] });
    expect(synthErrors(other)).toContain('[test/Plan] rules[0] = {"name":"daily"}: is an object; a KymaBackupRule, such as KymaBackupRule.daily({ keep: 7 }) (props error)');
  });

  test('a monthly rule with a ttl under 31 days, unless it accepts the gap', () => {
    const chart = newChart();
    new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.monthly({ ttl: Duration.days(30) })] });
    expect(synthErrors(chart)).toContain('a ttl of at least 744h0m0s, or allowRetentionGap: true');
    const accepted = newChart();
    new KymaBackupPlan(accepted, 'Plan', { rules: [KymaBackupRule.monthly({ ttl: Duration.days(30), allowRetentionGap: true })] });
    expect(synthValid(accepted)).toHaveLength(2);
  });
});

test('backupNow adds the on-demand pair over the plan\'s scope', () => {
  const chart = newChart();
  const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })], excludedNamespaces: BackupNamespaces.named('scratch') });
  const now = plan.backupNow('before-upgrade');
  const manifests = synthValid(chart);
  // The rule's ttl is the rule's; the pair keeps the plan's (here none).
  const { ttl: _ttl, ...template } = find(manifests, 'Schedule', 'kyma-system-backup-daily').spec.template;
  expect(find(manifests, 'Backup', 'kyma-system-backup-before-upgrade').spec).toEqual(template);
  const user = find(manifests, 'Backup', 'kyma-backup-before-upgrade').spec;
  expect(user.excludedNamespaces).toContain('scratch');
  expect(user.ttl).toBeUndefined();
  expect(now.user.backup.metadata.name).toBe('kyma-backup-before-upgrade');
});

describe('summary', () => {
  test('a Schedule every 10 minutes is summarized (4,320 backups kept with 720h; too many to spread into Math.max)', () => {
    const chart = newChart();
    const schedule = new KymaBackupSchedule(chart, 'Often', { schedule: BackupSchedule.expression('*/10 * * * *') });
    expect(schedule.summaryMarkdown()).toContain('| 720h (30 days) | 10m | 4320 |');
  });

  test('a rule that accepts a gap: the summary says how long no backup exists', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ ttl: Duration.hours(12), allowRetentionGap: true })] });
    const timeline = plan.timeline()!;
    expect([timeline.keptMin, timeline.uncoveredSeconds, timeline.recoveryPointSeconds]).toEqual([0, 12 * HOUR, 12 * HOUR]);
    expect(plan.summaryMarkdown()).toContain('- **No backup at all:** for up to 12h at a time (a rule accepts a retention gap).');
  });

  test('the ladder\'s numbers, and the same counts from an hour-by-hour walk over the year', () => {
    const chart = newChart();
    const plan = KymaBackupPlan.dailyWeeklyMonthly1YearRetention(chart, 'Plan');
    const timeline = plan.timeline()!;
    expect(timeline.recoveryPointSeconds).toBe(DAY);
    expect(timeline.rules.map(r => [r.name, r.keptMin, r.keptMax, r.longestIntervalSeconds])).toEqual([
      ['daily', 7, 7, DAY], ['weekly', 4, 4, 7 * DAY], ['monthly', 12, 13, 31 * DAY],
    ]);
    expect([timeline.keptMin, timeline.keptMax]).toEqual([23, 24]);
    expect(timeline.horizonMinSeconds).toBe((372 - 31) * DAY);
    expect(timeline.horizonMaxSeconds).toBe(372 * DAY);

    // Independently: every hour of 2027 (and a second after each run), count the backups alive.
    const { start, end } = yearWindow('UTC', 2027);
    const rules = timeline.rules.map(r => ({ runs: runsBetween(checkSchedule(r.schedule).parsed!, start - 500 * DAY, end), ttl: r.ttlSeconds }));
    const instants = [];
    for (let t = start; t < end; t += HOUR) instants.push(t, t + 30 * 60 + 1);
    let min = Infinity;
    let max = 0;
    for (const t of instants) {
      const alive = rules.reduce((sum, r) => sum + r.runs.filter(run => run <= t && run + r.ttl > t).length, 0);
      min = Math.min(min, alive);
      max = Math.max(max, alive);
    }
    expect([min, max]).toEqual([23, 24]);
  });

  test('Markdown: each rule with its Schedules, first runs in its zone, ttl; the plan\'s RPO and horizon', () => {
    const chart = newChart();
    const plan = KymaBackupPlan.dailyWeeklyMonthly1YearRetention(chart, 'Plan');
    const markdown = plan.summaryMarkdown();
    expect(markdown).toContain('| daily | `kyma-system-backup-daily`, `kyma-backup-daily` | `0 1 * * *` | 2027-01-01 01:00 UTC+00:00<br>2027-01-02 01:00 UTC+00:00<br>2027-01-03 01:00 UTC+00:00 | 168h (7 days) | 24h | 7 |');
    expect(markdown).toContain('| monthly | `kyma-system-backup-monthly`, `kyma-backup-monthly` | `30 1 1 * *` |');
    expect(markdown).toContain('- **Backups kept at steady state:** 23 to 24 per scope (system and user each), 46 to 48 in all.');
    expect(markdown).toContain('- **Worst-case age of the newest backup (recovery point objective):** 24h, plus the time a backup takes.');
    expect(markdown).toContain('- **Retention horizon (the oldest restorable point):** at least 8184h (341 days) back, at most 8928h (372 days).');
    expect(markdown).toMatchSnapshot();
  });
});

describe('timeline picture', () => {
  test('one bar per backup alive in the year, stacked by how many exist at once', () => {
    const chart = newChart();
    const svg = KymaBackupPlan.dailyWeeklyMonthly1YearRetention(chart, 'Plan').timelineSvg();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="960"/);
    expect(svg).toContain('>daily: up to 7 at once</text>');
    expect(svg).toContain('>weekly: up to 4 at once</text>');
    expect(svg).toContain('>monthly: up to 13 at once</text>');
    const bars = (colour: string) => svg.split('\n').filter(line => line.includes(`fill="${colour}"`)).length;
    // The runs of 2027, and those of 2026 still alive on 1 January: 7 daily (25-31 December at 01:00, ttl 7 days),
    // 4 weekly (the Sundays from 6 December, ttl 28 days), 12 monthly (ttl 372 days).
    expect([bars('#1f77b4'), bars('#ff7f0e'), bars('#2ca02c')]).toEqual([365 + 7, 52 + 4, 12 + 12]);
  });

  test('the plans guide\'s picture (docs/kyma-backup-plan.svg) is what the ladder draws', () => {
    const chart = new Chart(Testing.app(), 'kyma-backup-plan');
    const plan = KymaBackupPlan.dailyWeeklyMonthly1YearRetention(chart, 'Plan');
    expect(fs.readFileSync(path.join(__dirname, '..', 'docs', 'kyma-backup-plan.svg'), 'utf8')).toBe(plan.timelineSvg());
  });
});

describe('alerts', () => {
  const schema = PROMETHEUS_CRD_SCHEMAS['monitoring.coreos.com/v1/PrometheusRule'];

  test('one PrometheusRule per rule, thresholds from each rule\'s longest interval plus the margin, valid against the CRD', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', {
      rules: [KymaBackupRule.daily({ keep: 7, hour: '2', minute: '30', timeZone: 'Europe/Berlin' }), KymaBackupRule.monthly({ keep: 12 })],
    });
    plan.addAlerts({ labels: { release: 'prometheus' }, margin: Duration.minutes(90) });
    const rules = synthValid(chart).filter(m => m.kind === 'PrometheusRule');
    expect(rules.map(r => [r.metadata.name, r.metadata.namespace, r.metadata.labels])).toEqual([
      ['kyma-backup-daily-alerts', 'kyma-backup', { release: 'prometheus' }],
      ['kyma-backup-monthly-alerts', 'kyma-backup', { release: 'prometheus' }],
    ]);
    for (const rule of rules) expect(checkAgainstSchema(rule, schema).problems).toEqual([]);
    const [daily, monthly] = rules.map(r => r.spec.groups[0].rules);
    // A dot in a Schedule name is escaped in the regex matcher; these names have none.
    expect(daily[0].expr).not.toContain('\\');
    // The Berlin daily spans 47 h at the spring-forward skip: 47 h + 90 min.
    expect(daily[0]).toMatchObject({
      alert: 'KymaBackupOverdue',
      expr: 'time() - velero_backup_last_successful_timestamp{schedule=~"kyma-system-backup-daily|kyma-backup-daily"} > 174600',
    });
    expect(daily[1].expr).toBe('increase(velero_backup_failure_total{schedule=~"kyma-system-backup-daily|kyma-backup-daily"}[48h30m]) > 0 '
      + 'or increase(velero_backup_partial_failure_total{schedule=~"kyma-system-backup-daily|kyma-backup-daily"}[48h30m]) > 0');
    expect(daily[2]).toMatchObject({ alert: 'KymaBackupNeverSucceeded', for: '48h30m' });
    expect(monthly[0].expr).toMatch(/> 2683800$/);
  });

  test('a rule added after addAlerts fails the synth: it would go unwatched', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })] });
    plan.addAlerts();
    plan.addRule(KymaBackupRule.weekly({ keep: 4 }));
    expect(synthErrors(chart)).toContain('[test/Plan/Alerts] addAlerts = "weekly": was called before this rule was added, so the rule has no alerts; addAlerts() after the last addRule() (props error)');
  });

  test('a PrometheusRule the CRD would refuse fails the synth', () => {
    const chart = newChart();
    const plan = new KymaBackupPlan(chart, 'Plan', { rules: [KymaBackupRule.daily({ keep: 7 })] });
    plan.addAlerts({ labels: { 'release/': 'prometheus' } });
    // Not through synthErrors: the conformance corpus judges Velero objects, and these are fine.
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Plan\/Alerts\] daily: metadata.labels/);
  });
});
