// The restore half, kept apart from the main job so that applying the backup
// manifests can never start a restore: `npm run synth:restore` writes Kyma's
// full-cluster restore plan to manifests-restore/, one file per phase.
import { App } from 'cdk8s';
import { KymaRestorePlan } from '../src';

const app = new App();
new KymaRestorePlan(app, 'restore');
app.synth();
