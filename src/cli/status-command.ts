// `kyma-backup status`: the locations, the Schedules and their backups, judged
// by clusterStatus (status.ts).
import Table from 'cli-table3';
import { ExitCode, ExitCodeValue } from './errors';
import { Kube } from './kube';
import { StatusOptions } from './options';
import { Output } from './output';
import { BackupSummary, clusterStatus } from './status';
import { BackupObject, LocationObject, ScheduleObject, formatAge } from './velero-state';

const VELERO = 'velero.io/v1';

function backupCell(b: BackupSummary | undefined): string {
  if (!b) return '(none)';
  const expiry = b.expiresInMs === undefined ? '' : b.expiresInMs >= 0 ? `, expires in ${formatAge(b.expiresInMs)}` : ', expired';
  return `${b.name}\n${b.phase}${b.ageMs !== undefined ? `, ${formatAge(b.ageMs)} ago` : ''}${expiry}\n${b.items ?? 0} items, ${b.warnings} warnings, ${b.errors} errors`;
}

export async function statusCommand(options: StatusOptions, out: Output): Promise<ExitCodeValue> {
  const kube = Kube.connect(options);
  const [locations, schedules, backups] = await Promise.all([
    kube.list<any>(VELERO, 'BackupStorageLocation', options.namespace),
    kube.list<any>(VELERO, 'Schedule', options.namespace),
    kube.list<any>(VELERO, 'Backup', options.namespace),
  ]);
  const now = Date.now();
  const status = clusterStatus(locations as LocationObject[], schedules as ScheduleObject[], backups as BackupObject[],
    now, options.marginMs, options.namespace);

  const locationTable = new Table({ head: ['Location', 'Phase', 'Default', 'Message'], style: { head: [], border: [], compact: true } });
  for (const l of status.locations) locationTable.push([l.name, l.phase, l.default ? 'yes' : '', l.message ?? '']);
  out.log(locationTable.toString());
  const scheduleTable = new Table({ head: ['Schedule', 'Cron', 'Longest interval', 'Last backup', 'Last successful', 'Verdict'], style: { head: [], border: [], compact: true } });
  for (const s of status.schedules) {
    const verdict = [s.overdue ? 'OVERDUE' : '', s.failed ? 'LAST FAILED' : '', s.paused ? 'paused' : ''].filter(Boolean).join(', ') || 'ok';
    scheduleTable.push([s.name, s.schedule ?? '', s.intervalSeconds !== undefined ? formatAge(s.intervalSeconds * 1000) : 'invalid',
      backupCell(s.lastBackup), backupCell(s.lastSuccessful), verdict]);
  }
  out.log(status.schedules.length > 0 ? scheduleTable.toString() : 'no Schedule');
  for (const p of status.pairs) out.log(`pair ${p.system} / ${p.user}: ${p.inStep ? 'in step' : 'OUT OF STEP'} (${p.reason})`);
  for (const w of status.warnings) out.log(`warning  ${w}`);
  for (const p of status.problems) out.log(`problem  ${p}`);
  const code = status.problems.length > 0 ? ExitCode.FAILED : ExitCode.OK;
  out.log(code === ExitCode.OK ? 'status: ok' : `status: ${status.problems.length} problem${status.problems.length === 1 ? '' : 's'}`);
  out.result({ namespace: options.namespace, now: new Date(now).toISOString(), ...status, backups: backups.length, exitCode: code });
  return code;
}
