// The main job as users run it: the real cdk8s CLI synthesizes app/main.ts
// (configured by cdk8s.yaml) and the files it writes are checked.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { KymaBackupSchedule, KymaSystemBackup, KymaUserBackup } from '../src';
import { expectValidAgainstCrds } from './crd-schema';
import { newChart } from './helpers';

const ROOT = path.join(__dirname, '..');

function cdk8sSynth(): { files: string[]; text: string; summary: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyma-backup-synth-'));
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade', '--output', outdir], {
    cwd: ROOT, stdio: 'pipe',
  });
  const files = fs.readdirSync(outdir).sort();
  return {
    files,
    text: files.filter(f => f.endsWith('.yaml')).map(f => fs.readFileSync(path.join(outdir, f), 'utf8')).join(''),
    summary: fs.readFileSync(path.join(outdir, 'kyma-backup-summary.md'), 'utf8'),
  };
}

describe('cdk8s synth of the example app', () => {
  const first = cdk8sSynth();
  const manifests = YAML.parseAllDocuments(first.text).map(d => d.toJSON());

  test('writes one file with both Backups and both Schedules, and the summary beside it', () => {
    expect(first.files).toEqual(['kyma-backup-summary.md', 'kyma-backup.k8s.yaml']);
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Backup/kyma-system-backup', 'Backup/kyma-backup', 'Schedule/kyma-system-backup', 'Schedule/kyma-backup',
    ]);
  });

  test('every object passes the Velero CRD schema without pruning', () => {
    expectValidAgainstCrds(manifests);
  });

  test('equals what the constructs synthesize in a test chart', () => {
    const chart = newChart();
    new KymaSystemBackup(chart, 'SystemBackup');
    new KymaUserBackup(chart, 'UserBackup');
    new KymaBackupSchedule(chart, 'Schedule');
    expect(manifests).toEqual(chart.toJson());
  });

  test('the summary: the guide\'s daily Schedules with Velero\'s 720h keep 30 backups each', () => {
    expect(first.summary).toContain('| schedule | `kyma-system-backup`, `kyma-backup` | `0 1 * * *` |');
    expect(first.summary).toContain('| 720h (30 days) | 24h | 30 |');
    expect(first.summary).toContain('- **Worst-case age of the newest backup (recovery point objective):** 24h, plus the time a backup takes.');
  });

  test('is byte-for-byte the same on a second run', () => {
    const second = cdk8sSynth();
    expect(second.text).toBe(first.text);
    expect(second.summary).toBe(first.summary);
  });
});
