// One case of the conformance corpus: Velero objects as we render them, with
// our verdict on them. The Go suite in test/conformance gives Velero's verdict
// on the same objects and fails on any disagreement.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { KIND_NOTES, ProblemKind, formatProblem } from '../src/validation/problem';
import { veleroObjectProblems } from '../src/validation/velero-object';

/** Ours: no problem, a Velero refusal, only deliberate refusals, or a props error (no manifest at fault). */
export type OurVerdict = 'valid' | 'invalid' | 'deliberate' | 'props';

export interface ConformanceCase {
  readonly id: string;
  readonly source: string;
  readonly ours: OurVerdict;
  readonly problems: string[];
  readonly objects: any[];
}

/** The kind of a validation line (possibly behind a construct path), from the note it ends with. */
export function problemKind(line: string): ProblemKind {
  if (line.endsWith(KIND_NOTES[ProblemKind.DELIBERATE])) return ProblemKind.DELIBERATE;
  if (line.endsWith(KIND_NOTES[ProblemKind.PROPS])) return ProblemKind.PROPS;
  return ProblemKind.VELERO;
}

export function verdictOf(problems: string[]): OurVerdict {
  const kinds = new Set(problems.map(problemKind));
  if (kinds.has(ProblemKind.PROPS)) return 'props';
  if (kinds.has(ProblemKind.VELERO)) return 'invalid';
  return kinds.has(ProblemKind.DELIBERATE) ? 'deliberate' : 'valid';
}

/** The chart's Velero objects, rendered without validation, and every validation message of the chart. */
export function caseFromChart(id: string, source: string, chart: Chart): ConformanceCase {
  const constructs = chart.node.root.node.findAll();
  const problems = constructs.flatMap(c => c.node.validate().map(message => `[${c.node.path}] ${message}`));
  const rendered = (o: ApiObject): any[] => {
    // An object whose props do not even render has props problems; there is no manifest to judge.
    try {
      return [o.toJson()];
    } catch {
      return [];
    }
  };
  const apiObjects = constructs.filter((c): c is ApiObject => c instanceof ApiObject);
  const velero = apiObjects.filter(o => o.apiVersion.startsWith('velero.io/')).flatMap(rendered);
  // The ConfigMaps a Backup or Schedule names as its resource policy are judged with it (Velero reads no other).
  const named = new Set(velero.map(m => `${m.metadata?.namespace}/${(m.kind === 'Schedule' ? m.spec?.template : m.spec)?.resourcePolicy?.name}`));
  const policies = apiObjects.filter(o => o.apiVersion === 'v1' && o.kind === 'ConfigMap').flatMap(rendered)
    .filter(m => named.has(`${m.metadata?.namespace}/${m.metadata?.name}`));
  const objects = velero.length > 0 ? [...velero, ...policies] : [];
  return { id, source, ours: verdictOf(problems), problems, objects };
}

/** Where the test suite records what it synthesizes, when the conformance run asks for it. */
export const CAPTURE_ENV = 'KYMA_BACKUP_CONFORMANCE_CAPTURE';

export function captureCase(c: ConformanceCase): void {
  const dir = process.env[CAPTURE_ENV];
  if (!dir || c.objects.length === 0) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, `suite-${process.pid}.jsonl`), JSON.stringify(c) + '\n');
}

/** A hand-written Backup with this spec, as the API server and Velero see it. */
export function rawBackup(spec: unknown): any {
  return { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'raw', namespace: 'kyma-backup' }, spec };
}

/** The problems of a hand-written Backup with this spec, as lines. */
export function rawSpecProblems(spec: unknown): string[] {
  return veleroObjectProblems(rawBackup(spec)).map(formatProblem);
}
