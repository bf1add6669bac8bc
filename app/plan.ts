// A retention ladder, apart from the main job: `npm run synth:plan` writes the
// plan's Schedules (7 daily, 4 weekly, 12 monthly), its PrometheusRule alerts
// and its summary (kyma-backup-plan.md) to manifests-plan/.
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { KymaBackupPlan } from '../src';

const app = new App();
const chart = new Chart(app, 'kyma-backup-plan');
const plan = KymaBackupPlan.dailyWeeklyMonthly1YearRetention(chart, 'Plan');
plan.addAlerts();
app.synth();
fs.writeFileSync(path.join(app.outdir, 'kyma-backup-plan.md'), plan.summaryMarkdown());
fs.writeFileSync(path.join(app.outdir, 'kyma-backup-plan.svg'), plan.timelineSvg());
