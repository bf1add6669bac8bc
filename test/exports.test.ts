// What TypeScript users can import is what jsii publishes for every
// language: index.ts exports by name, and nothing is public by accident.
// `npm test` compiles with jsii first, so .jsii exists.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const PACKAGE = 'cdk8s-kyma-backup';

function typeScriptExports(): string[] {
  const index = path.join(ROOT, 'src', 'index.ts');
  const program = ts.createProgram([index], { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, noEmit: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  return checker.getExportsOfModule(module).map(symbol => symbol.name).sort();
}

function jsiiAssembly(): { types: { [fqn: string]: unknown }; submodules?: { [fqn: string]: unknown } } {
  return JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
}

test('the names index.ts exports are the types jsii publishes, and the velero submodule', () => {
  const assembly = jsiiAssembly();
  const published = Object.keys(assembly.types)
    .filter(fqn => fqn.split('.').length === 2)
    .map(fqn => fqn.slice(PACKAGE.length + 1))
    .sort();
  const exported = typeScriptExports();
  expect(exported.filter(name => name !== 'velero')).toEqual(published);
  expect(exported).toContain('velero');
  expect(Object.keys(assembly.submodules ?? {})).toEqual([`${PACKAGE}.velero`]);
  // A sanity floor: the constructs of the guide are there.
  expect(published).toEqual(expect.arrayContaining(['KymaSystemBackup', 'KymaUserBackup', 'KymaBackupSchedule', 'KymaRestorePlan']));
});

test('at run time the module holds only exported names (types leave nothing behind)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtime = Object.keys(require('../src')).sort();
  const exported = typeScriptExports();
  expect(runtime.filter(name => !exported.includes(name))).toEqual([]);
  expect(runtime).toEqual(expect.arrayContaining(['KymaSystemBackup', 'BackupSchedule', 'ProblemKind', 'velero']));
});
