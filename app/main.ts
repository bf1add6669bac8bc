// The project's main job: the default Kyma full-cluster backup, synthesized by
// the cdk8s CLI (`npm run synth`, see cdk8s.yaml) into manifests/.
import { App, Chart } from 'cdk8s';
import { KymaBackupSchedule, KymaSystemBackup, KymaUserBackup } from '../src';

const app = new App();
const chart = new Chart(app, 'kyma-backup');
new KymaSystemBackup(chart, 'SystemBackup');
new KymaUserBackup(chart, 'UserBackup');
new KymaBackupSchedule(chart, 'Schedule');
app.synth();
