// Runs modifiersOnRealServers alone on a cluster of `test/e2e/cluster.sh up`
// (a developer's runner; the scenario calls the function itself):
// npx ts-node --swc test/e2e/modifiers-dev.ts
import { Chart, Testing } from 'cdk8s';
import { Kube, clusterEnv, waitFor } from './kube';
import { modifiersOnRealServers } from './modifiers';
import { KymaBackupStorageLocation } from '../../src';

const env = clusterEnv();
const kube = new Kube(env);
if (!kube.getOne('backupstoragelocations.velero.io', 'default', env.E2E_VELERO_NAMESPACE)) {
  const chart = new Chart(Testing.app(), 'location');
  new KymaBackupStorageLocation(chart, 'Storage', {
    provider: 'aws', bucket: env.E2E_BUCKET, default: true, config: { region: env.E2E_REGION, s3ForcePathStyle: 'true', s3Url: env.E2E_S3_URL },
  });
  kube.apply(Testing.synth(chart));
}
waitFor('the default location to be Available', 120, () =>
  kube.getOne('backupstoragelocations.velero.io', 'default', env.E2E_VELERO_NAMESPACE)?.status?.phase === 'Available' ? true : undefined);
const started = Date.now();
const counts = modifiersOnRealServers(kube, env);
console.log(`modifiers: ${JSON.stringify(counts)} in ${Math.round((Date.now() - started) / 1000)} s`);
