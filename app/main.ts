// The project's main job: the default Kyma full-cluster backup, synthesized by
// the cdk8s CLI (`npm run synth`, see cdk8s.yaml) into manifests/, with a
// summary of what the Schedules keep beside the manifests.
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { KymaBackupSchedule, KymaSystemBackup, KymaUserBackup } from '../src';

const app = new App();
const chart = new Chart(app, 'kyma-backup');
new KymaSystemBackup(chart, 'SystemBackup');
new KymaUserBackup(chart, 'UserBackup');
const schedule = new KymaBackupSchedule(chart, 'Schedule');
app.synth();
fs.writeFileSync(path.join(app.outdir, 'kyma-backup-summary.md'), schedule.summaryMarkdown());
