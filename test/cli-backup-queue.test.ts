import { QUEUE_STALL_MS, idleSince, queueIdleSince, queueStallMessage, queueStalled, queuedWhileIdle } from '../src/cli/backup-queue';

const backup = (name: string, phase?: string, queuePosition?: number) => ({ metadata: { name }, status: { phase, queuePosition } });

describe('queuedWhileIdle', () => {
  test('names the Queued Backups when none is ReadyToStart or InProgress', () => {
    expect(queuedWhileIdle([backup('b', 'Queued', 2), backup('old', 'FailedValidation'), backup('a', 'Queued', 1), backup('c', 'Completed')]))
      .toEqual(['a', 'b']);
  });

  test.each(['ReadyToStart', 'InProgress'])('nothing while a backup is %s: the queue waits for it', phase => {
    expect(queuedWhileIdle([backup('a', 'Queued', 1), backup('running', phase)])).toEqual([]);
  });

  test('nothing when no Backup is Queued (New ones are the queue\'s next step, not a stop)', () => {
    expect(queuedWhileIdle([backup('new'), backup('n', 'New'), backup('done', 'Completed')])).toEqual([]);
    expect(queuedWhileIdle([])).toEqual([]);
  });

  test('phases Velero counts as done (post-processing) do not hold the queue', () => {
    expect(queuedWhileIdle([backup('a', 'Queued', 1), backup('p', 'WaitingForPluginOperations'), backup('f', 'Finalizing')])).toEqual(['a']);
  });
});

describe('idleSince and queueStalled', () => {
  test('the first observation of an idle queue starts the clock; later ones keep it', () => {
    const t0 = 1_000_000;
    const first = idleSince(undefined, t0, ['a']);
    expect(first).toBe(t0);
    expect(idleSince(first, t0 + 60_000, ['a'])).toBe(t0);
    expect(queueStalled(first, t0 + QUEUE_STALL_MS - 1)).toBe(false);
    expect(queueStalled(first, t0 + QUEUE_STALL_MS)).toBe(true);
  });

  test('a running backup (nothing queued while idle) resets the clock', () => {
    expect(idleSince(5, 10, [])).toBeUndefined();
    expect(queueStalled(undefined, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  test('the limit can be given', () => {
    expect(queueStalled(0, 999, 1000)).toBe(false);
    expect(queueStalled(0, 1000, 1000)).toBe(true);
  });
});

describe('queueStallMessage', () => {
  test('names the Backups, the minutes, the Velero issue and the restart in Velero\'s namespace', () => {
    const message = queueStallMessage(['e2e-cli-1'], 3 * 60_000 + 5_000, 'kyma-backup');
    expect(message).toContain('Backup e2e-cli-1 is Queued');
    expect(message).toContain('for 3 min');
    expect(message).toContain('velero#10519');
    expect(message).toContain('kubectl -n kyma-backup rollout restart deployment/velero');
  });

  test('many Backups: three by name and a count', () => {
    expect(queueStallMessage(['a', 'b', 'c', 'd', 'e'], 240_000, 'velero')).toContain('Backups a, b, c and 2 more are Queued');
  });
});

describe('queueIdleSince (one look, for status)', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 28, 1, minutes)).toISOString();
  test('the newest of: a Backup started or ended, the oldest Queued one arrived', () => {
    const idle = queueIdleSince([
      { metadata: { name: 'a', creationTimestamp: at(5) }, status: { phase: 'Queued' } },
      { metadata: { name: 'b', creationTimestamp: at(9) }, status: { phase: 'Queued' } },
      { metadata: { name: 'done' }, status: { phase: 'Completed', startTimestamp: at(1), completionTimestamp: at(3) } },
    ]);
    expect(idle).toEqual({ queued: ['a', 'b'], since: Date.parse(at(5)) });
  });

  test('undefined while a Backup runs or none is Queued', () => {
    expect(queueIdleSince([{ metadata: { name: 'a', creationTimestamp: at(5) }, status: { phase: 'Queued' } }, { status: { phase: 'InProgress' } }])).toBeUndefined();
    expect(queueIdleSince([{ metadata: { name: 'done' }, status: { phase: 'Completed', completionTimestamp: at(3) } }])).toBeUndefined();
  });
});
