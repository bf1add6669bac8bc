import { Duration } from 'cdk8s';
import { planTimeline, ruleRunsOf, ttlSeconds } from '../src/timeline/timeline';

const DAY = 86_400;
const JAN_1_2027 = Date.UTC(2027, 0, 1) / 1000;

describe('planTimeline', () => {
  test('a daily rule kept 7 days: always 7 backups, the newest at most a day old, reaching 6 to 7 days back', () => {
    const timeline = planTimeline([{ name: 'daily', schedule: '0 1 * * *', ttlSeconds: 7 * DAY }], 2027)!;
    expect(timeline.rules[0]).toEqual(expect.objectContaining({
      zone: 'UTC',
      longestIntervalSeconds: DAY,
      keptMin: 7,
      keptMax: 7,
      firstRuns: [JAN_1_2027 + 3600, JAN_1_2027 + DAY + 3600, JAN_1_2027 + 2 * DAY + 3600],
    }));
    expect(timeline).toEqual(expect.objectContaining({
      year: 2027, recoveryPointSeconds: DAY, uncoveredSeconds: 0, horizonMinSeconds: 6 * DAY, horizonMaxSeconds: 7 * DAY, keptMin: 7, keptMax: 7,
    }));
  });

  test('a ttl shorter than the interval leaves time with no backup at all', () => {
    const timeline = planTimeline([{ name: 'daily', schedule: '0 1 * * *', ttlSeconds: DAY / 2 }], 2027)!;
    expect(timeline.uncoveredSeconds).toBe(DAY / 2);
    expect(timeline.keptMin).toBe(0);
    expect(timeline.keptMax).toBe(1);
  });

  test('two rules add up; the plan reaches as far back as its longest-lived rule', () => {
    const timeline = planTimeline([
      { name: 'daily', schedule: '0 1 * * *', ttlSeconds: 7 * DAY },
      { name: 'weekly', schedule: '15 1 * * SUN', ttlSeconds: 28 * DAY },
    ], 2027)!;
    expect(timeline.rules.map(r => [r.keptMin, r.keptMax])).toEqual([[7, 7], [4, 4]]);
    expect([timeline.keptMin, timeline.keptMax]).toEqual([11, 11]);
    expect(timeline.horizonMaxSeconds).toBe(28 * DAY);
  });

  test('an invalid schedule, or one that never runs, gives no timeline', () => {
    expect(planTimeline([{ name: 'bad', schedule: 'not a schedule', ttlSeconds: DAY }], 2027)).toBeUndefined();
    expect(planTimeline([{ name: 'never', schedule: '0 0 30 2 *', ttlSeconds: DAY }], 2027)).toBeUndefined();
    expect(ruleRunsOf([], 2027)).toBeUndefined();
  });

  test('ttlSeconds: Velero\'s 720h when none or zero is written', () => {
    expect(ttlSeconds(undefined)).toBe(720 * 3600);
    expect(ttlSeconds(Duration.seconds(0))).toBe(720 * 3600);
    expect(ttlSeconds(Duration.days(7))).toBe(7 * DAY);
  });
});
