// A bare cdk8s app, as `cdk8s init typescript-app` shapes it: the baseline of
// the cold-start benchmark (bench/cold-start.ts).
import { ApiObject, App, Chart } from 'cdk8s';

const app = new App();
const chart = new Chart(app, 'bare');
new ApiObject(chart, 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bare' }, data: { a: 'b' } });
app.synth();
