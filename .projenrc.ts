import { cdk8s, javascript } from 'projen';

// Velero release whose CRDs `imports/` is generated from. The Go module in
// tools/velero-crds pins the same version; keep the two in step.
const VELERO_VERSION = 'v1.18.1';

// prometheus-operator release whose PrometheusRule CRD (monitoring.coreos.com/v1)
// `imports/` is generated from. The Go module in tools/prometheus-rule-crd pins
// the same version; keep the two in step.
const PROMETHEUS_OPERATOR_VERSION = 'v0.94.1';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-kyma-backup',
  description: 'cdk8s constructs for a full Kyma cluster backup with Velero: system and user namespace Backups and Schedules, validated at synth.',
  author: 'cdk8s-kyma-backup maintainers',
  authorAddress: 'noreply@example.com',
  repositoryUrl: 'https://github.com/example/cdk8s-kyma-backup.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'kyma', 'velero', 'backup', 'kubernetes'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  // projen defaults to cdk8s 1.x / constructs 3.x for this project type.
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.8.1',
  // typescript 7 breaks ts-node (used by projen and the example app); jsii
  // tracks the same TypeScript minor.
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  devDeps: [
    // Tests and examples use cdk8s-plus; the library itself needs no version of it.
    'cdk8s-plus-27@^2.9.5',
    'cdk8s-cli@2.207.60',
    'ajv@^8.20.0',
    'yaml@^2.9.1',
    'fast-check@^4.10.2',
    // Only to prove namespace references work with any cdk8s-plus version, not just 27.
    'cdk8s-plus-33@^2.5.57',
    // The import rules of src/ (.dependency-cruiser.cjs), checked by `npm test`.
    // 18.x needs Node.js 22; 17.x runs on Node.js 20.12 and later.
    'dependency-cruiser@^17.4.3',
    // ts-node's --swc transpiler: the apps, benchmarks and corpus writers start
    // without loading the TypeScript emitter (npm test type-checks them).
    '@swc/core@^1.16.22',
    // The command line (src/cli, `kyma-backup`), bundled by esbuild into one CommonJS
    // file (lib/cli/kyma-backup.js): its libraries are dev dependencies, never
    // dependencies of the jsii package (nor of its Python and Go bindings).
    // The official Kubernetes client; 2.x needs Node.js 22, 1.x runs on 20.
    '@kubernetes/client-node@1.4.0',
    // 15.x needs Node.js 22.12; 14.x runs on 20.
    'commander@^14.0.3',
    'cli-table3@^0.6.5',
    'esbuild@^0.27.7',
  ],

  // No GitHub here: no workflows, no release pipeline.
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // The generated Velero API lives in a top-level imports/ beside src/, so
  // jsii's rootDir is the project root and the entry point moves under lib/src.
  srcdir: 'src',
  libdir: 'lib',
  entrypoint: 'lib/src/index.js',
  entrypointTypes: 'lib/src/index.d.ts',
  tsconfig: {
    compilerOptions: { rootDir: '.' },
    include: ['src/**/*.ts', 'imports/**/*.ts'],
    // The command line is not part of the jsii API: esbuild bundles it, and
    // src/cli/tsconfig.json type-checks it (in `npm test`).
    exclude: ['src/cli/**'],
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'projenrc', 'app'],
    // test/fixtures/layering: a tree with deliberate import violations, judged by
    // dependency-cruiser in test/dependency-rules.test.ts (eslint --fix must not touch it).
    ignorePatterns: ['imports/', 'node_modules/', 'lib/', 'dist/', 'manifests/', '*.d.ts', '*.js', 'test/fixtures/layering/'],
  },
  jestOptions: {
    // Snapshots are checked, never rewritten by the test run: a changed
    // manifest must fail until a person updates it with `npx jest -u`.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    // The per-file coverage table is too wide for CI logs; the summary stays.
    coverageText: false,
    jestConfig: {
      // The property-based and CLI tests synthesize many apps.
      testTimeout: 120_000,
      // Generated code is not ours to cover.
      coveragePathIgnorePatterns: ['/node_modules/', '/imports/'],
      // The e2e cache holds thousands of files jest need not scan.
      modulePathIgnorePatterns: ['<rootDir>/.e2e-cache/'],
      watchPathIgnorePatterns: ['/node_modules/', '<rootDir>/.e2e-cache/'],
      coverageReporters: ['json', 'lcov', 'text-summary'],
    },
  },
  // Bindings for cdk8s users in Python and Go (jsii-pacmak writes them to dist/).
  publishToPypi: {
    distName: 'cdk8s-kyma-backup',
    module: 'cdk8s_kyma_backup',
  },
  publishToGo: {
    moduleName: 'github.com/example/cdk8s-kyma-backup-go',
  },
  docgen: true,
  // .e2e-cache: the end-to-end cluster's binaries, virtual environment and state.
  gitignore: ['/manifests/', '/manifests-restore/', '/manifests-plan/', '/.e2e-cache/'],
});

// The jsii project type resets `types` to lib/index.d.ts; jsii finds the
// entry point through it.
project.package.addField('types', 'lib/src/index.d.ts');

// Written by each conformance run; projen's own `!/test/` would re-include it
// if it were given with the other patterns above.
project.gitignore.exclude('/test/conformance/testdata/');

// What the package does not need: the e2e cache (binaries, a virtual environment), the
// apps, benchmarks, tools and manifests of this repository.
project.npmignore?.exclude('/.e2e-cache/', '/app/', '/bench/', '/tools/', '/manifests/', '/manifests-restore/', '/manifests-plan/', '/cdk8s.yaml', '/.dependency-cruiser.cjs');

project.gitattributes.addAttributes('/imports/**', 'linguist-generated');
project.gitattributes.addAttributes('/API.md', 'linguist-generated');

// API.md is generated; say so at its top, where readers of the file look.
project.tasks.tryFind('docgen')?.exec(
  "node -e \"const f='API.md',fs=require('fs');fs.writeFileSync(f,'<!-- Generated by jsii-docgen (npx projen docgen) from the jsii assembly. Do not edit. -->\\n\\n'+fs.readFileSync(f,'utf8'))\"",
);

// Regenerates imports/ from the pinned Velero and prometheus-operator releases:
// each Go program writes the project's own CRDs (Velero's from its
// config/crd/v1/crds package, prometheus-operator's PrometheusRule from the
// CRDs its module embeds), then the real `cdk8s import` turns them into typed
// classes.
project.addTask('import', {
  description: `Regenerate imports/ from the Velero ${VELERO_VERSION} CRDs and the prometheus-operator ${PROMETHEUS_OPERATOR_VERSION} PrometheusRule CRD`,
  steps: [
    { exec: 'go run . > ../../imports/velero-crds.yaml', cwd: 'tools/velero-crds' },
    { exec: 'cdk8s import imports/velero-crds.yaml --language typescript --output imports --no-check-upgrade' },
    { exec: 'go run . > ../../imports/prometheus-rule-crd.yaml', cwd: 'tools/prometheus-rule-crd' },
    { exec: 'cdk8s import imports/prometheus-rule-crd.yaml --language typescript --output imports --no-check-upgrade' },
    // The same CRDs' schemas, for the library's synth-time schema check.
    { exec: 'ts-node --swc tools/crd-schemas/write.ts' },
  ],
});

// The main job: the default full-cluster backup, written by the real cdk8s CLI
// (see cdk8s.yaml, not managed by projen: `npx ts-node --swc app/main.ts`) to
// manifests/.
project.addTask('synth', {
  description: 'Synthesize the default Kyma full-cluster backup into manifests/',
  exec: 'cdk8s synth --no-check-upgrade',
});

// The conformance suite (test/conformance, Go): judges every manifest the jest
// run synthesizes, the validation corpus and a few thousand generated cases with
// Kubernetes' CRD code and Velero's own validation, and fails on any case where
// our synth-time verdict differs from Velero's.
const CAPTURE_ENV = 'KYMA_BACKUP_CONFORMANCE_CAPTURE'; // read by test/conformance-case.ts
const CAPTURE_DIR = 'test/conformance/testdata/captured';
const conformance = project.addTask('conformance', {
  description: 'Differential test of our validation against Kubernetes\' and Velero\'s own code',
  env: { [CAPTURE_ENV]: CAPTURE_DIR },
  steps: [
    { exec: 'ts-node --swc test/conformance/write-corpus.ts' },
    // The longest interval between runs, against robfig/cron v3's own Next.
    { exec: 'ts-node --swc test/conformance/write-gap-corpus.ts' },
    // Resource policies, judged by Velero's own loader and validator (internal/resourcepolicies).
    { exec: 'ts-node --swc test/conformance/write-policy-corpus.ts' },
    // Restore resource modifiers, RE2 regexes, globs and patch values, against Velero's and Go's own code.
    { exec: 'ts-node --swc test/conformance/write-modifier-corpus.ts' },
    { exec: 'go test -count=1 -v ./...', cwd: 'test/conformance' },
  ],
});
project.testTask.env(CAPTURE_ENV, CAPTURE_DIR);
project.testTask.prependExec(`node -e "require('fs').rmSync('${CAPTURE_DIR}', { recursive: true, force: true })"`);
project.testTask.spawn(conformance);
// The apps and benchmarks are type-checked here, since synth only transpiles them
// (ts-node --swc, a faster cold start; swc does no type-checking).
project.testTask.prependExec('tsc --noEmit -p app/tsconfig.json');
// jsii first: test/exports.test.ts compares index.ts with the assembly (.jsii) it writes.
project.testTask.prependSpawn(project.compileTask);

// The import rules of src/ (floors of capability folders, no cycles; see
// .dependency-cruiser.cjs): after jest, whose test/dependency-rules.test.ts
// proves with the same command and config file that the rules do fail, and
// before the slower steps. Not the bare `depcruise`: it exits with the number
// of errors, which the shell reads modulo 256 (see tools/import-rules/check.mjs).
project.testTask.insertStep(
  project.testTask.steps.findIndex((step) => step.spawn === 'eslint'),
  { exec: 'node tools/import-rules/check.mjs src' },
);

// jsii-pacmak's Go build fetches github.com/cdk8s-team/* from the Go module
// proxy, which does not serve them; write the code only (the Go smoke test
// builds it against cdk8s Go modules generated from node_modules).
project.tasks.tryFind('package:go')?.reset('jsii-pacmak -v --target go --code-only');

// The Python and Go bindings, packaged and used: each smoke test synthesizes
// the default full-cluster backup and compares it with the TypeScript output.
project.addTask('test:bindings', {
  description: 'Package the Python and Go bindings and run their smoke tests',
  env: { JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
  steps: [
    { spawn: 'compile' },
    { spawn: 'package:python' },
    { spawn: 'package:go' },
    { exec: 'bash test/bindings/python/smoke.sh' },
    { exec: 'bash test/bindings/go/smoke.sh' },
  ],
});

// The end-to-end test on a real API server and a real Velero v1.18.1 server on
// 127.0.0.1 (test/e2e: cluster.sh builds and runs them; scenario.ts backs up,
// wipes, restores and compares, and checks refusals against the real servers).
project.addTask('e2e', {
  description: 'Back up, wipe and restore a Kyma-shaped cluster on a local API server and Velero server',
  env: { JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
  steps: [
    // The "refusals are real" step draws from the conformance corpus.
    { exec: 'ts-node --swc test/conformance/write-corpus.ts' },
    // The scenario runs the command line's bundle (`kyma-backup apply`).
    { spawn: 'bundle:cli' },
    { exec: 'ts-node --swc test/e2e/scenario.ts' },
  ],
});

// The restore half: its own command and folder, never mixed with the backups.
project.addTask('synth:restore', {
  description: 'Synthesize the Kyma full-cluster restore plan into manifests-restore/, one file per phase',
  exec: 'cdk8s synth --no-check-upgrade --app "npx ts-node --swc app/restore.ts" --output manifests-restore',
});

// A retention ladder with its alerts and summary, apart from the main job.
project.addTask('synth:plan', {
  description: 'Synthesize a 7 daily, 4 weekly, 12 monthly backup plan with alerts and its summary into manifests-plan/',
  exec: 'cdk8s synth --no-check-upgrade --app "npx ts-node --swc app/plan.ts" --output manifests-plan',
});

// The command line `kyma-backup` (src/cli, see docs/cli.md): esbuild bundles it
// with its libraries (the Kubernetes client, commander, cli-table3, yaml) into one
// CommonJS file, the package's bin, and writes the licenses of what it bundled
// beside it (tools/cli/bundle.mjs; it fails on a license that is not permissive).
// jsii never compiles src/cli (excluded above); its own tsconfig type-checks it in `npm test`.
const CLI_BUNDLE = 'lib/cli/kyma-backup.js';
const BUNDLE_CLI = 'node tools/cli/bundle.mjs';
project.addTask('bundle:cli', {
  description: 'Bundle the kyma-backup command line into one CommonJS file (lib/cli/kyma-backup.js) with the licenses of what it bundles',
  exec: BUNDLE_CLI,
});
project.postCompileTask.prependSpawn(project.tasks.tryFind('bundle:cli')!);
project.package.addBin({ 'kyma-backup': CLI_BUNDLE });
// `npm run kyma-backup -- <args>` in this repository: bundles (about a second) and runs,
// so it works right after `npm ci` and never runs a stale bundle.
project.package.setScript('kyma-backup', `${BUNDLE_CLI} && node ${CLI_BUNDLE}`);
project.testTask.insertStep(
  project.testTask.steps.findIndex((step) => step.exec === 'tsc --noEmit -p app/tsconfig.json') + 1,
  { exec: 'tsc --noEmit -p src/cli/tsconfig.json' },
);
// The published package runs its bin: the packed tarball, installed into an empty
// directory with its peer dependencies, runs `npx kyma-backup --help`.
const cliPackage = project.addTask('test:cli-package', {
  description: 'Pack the npm package and run `npx kyma-backup --help` from a clean install of the tarball',
  steps: [{ spawn: 'bundle:cli' }, { spawn: 'package:js' }, { exec: 'bash test/cli/tarball.sh' }],
});
project.testTask.spawn(cliPackage);
// src/cli is the command line: its libraries are bundled in, so dev dependencies are right there.
project.eslint?.allowDevDeps('src/cli/**');

// Benchmarks, not timed tests: see docs/performance.md.
project.addTask('bench', {
  description: 'Benchmark synthesizing KymaBackupSchedules against the raw generated classes',
  exec: 'ts-node --swc bench/synth.ts',
});
project.addTask('bench:cold-start', {
  description: 'Benchmark the cold start of npm run synth against a bare cdk8s app',
  exec: 'ts-node --swc bench/cold-start.ts',
});

project.synth();
