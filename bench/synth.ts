// Benchmark (`npm run bench`): synthesizing N KymaBackupSchedules (2N Velero
// Schedules, validation on) against the same manifests built from the raw
// classes `cdk8s import` generated. Prints time per object, the ratio and peak RSS.
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KymaBackupSchedule, velero } from '../src';

// The raw baseline writes the guide's specs by hand, as a user without the library would.
const SYSTEM_NAMESPACES = ['istio-system', 'kyma-system', 'kyma-integration', 'kyma-installer', 'default', 'natss'];
const SYSTEM_SPEC = {
  includedNamespaces: SYSTEM_NAMESPACES,
  excludedNamespaces: ['kyma-backup'],
  includedResources: ['*'],
  excludedResources: ['testdefinitions.testing.kyma-project.io', 'pods'],
  storageLocation: 'default',
  volumeSnapshotLocations: ['default'],
};
const USER_SPEC = {
  includedNamespaces: ['*'],
  excludedNamespaces: [...SYSTEM_NAMESPACES, 'kyma-backup'],
  includedResources: ['*'],
  excludedResources: ['pods'],
  includeClusterResources: true,
  storageLocation: 'default',
  volumeSnapshotLocations: ['default'],
};

const SIZES = [10, 100, 1000, 10000];
const REPEATS = 7;
// N = 10,000 takes seconds a run; fewer repeats keep the benchmark short.
const repeatsFor = (n: number) => n >= 10000 ? 3 : REPEATS;

function withConstructs(n: number): string {
  const app = new App();
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < n; i++) {
    new KymaBackupSchedule(chart, `Schedule${i}`, { systemName: `system-${i}`, userName: `user-${i}` });
  }
  return app.synthYaml();
}

function withRawClasses(n: number): string {
  const app = new App();
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < n; i++) {
    const scope = new Construct(chart, `Schedule${i}`);
    new velero.Schedule(scope, 'System', {
      metadata: { name: `system-${i}`, namespace: 'kyma-backup' },
      spec: { schedule: '0 1 * * *', template: SYSTEM_SPEC },
    });
    new velero.Schedule(scope, 'User', {
      metadata: { name: `user-${i}`, namespace: 'kyma-backup' },
      spec: { schedule: '0 1 * * *', template: USER_SPEC },
    });
  }
  return app.synthYaml();
}

function medianMs(fn: () => void, repeats = REPEATS): number {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeats / 2)];
}

// Both ways must write the same manifests, or the comparison means nothing.
if (withConstructs(3) !== withRawClasses(3)) {
  throw new Error('the constructs and the raw classes synthesize different manifests');
}
withConstructs(100); // warm up the JIT
withRawClasses(100);

console.log(`Node ${process.version}, median of ${REPEATS} runs (3 at N = 10,000), 2 Velero Schedules per KymaBackupSchedule, final-manifest validation on`);
console.log('| N | objects | constructs µs/object | raw classes µs/object | ratio | constructs µs/object vs N = 1,000 |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
const perObject = new Map<number, number>();
for (const n of SIZES) {
  const objects = 2 * n;
  const lib = medianMs(() => withConstructs(n), repeatsFor(n)) * 1000 / objects;
  const raw = medianMs(() => withRawClasses(n), repeatsFor(n)) * 1000 / objects;
  perObject.set(n, lib);
  const vs1000 = perObject.has(1000) ? (lib / perObject.get(1000)!).toFixed(2) : '';
  console.log(`| ${n} | ${objects} | ${lib.toFixed(1)} | ${raw.toFixed(1)} | ${(lib / raw).toFixed(2)} | ${vs1000} |`);
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
