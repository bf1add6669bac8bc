// One case of the conformance corpus: Velero objects as we render them, with
// our verdict on them. The Go suite in test/conformance gives Velero's verdict
// on the same objects and fails on any disagreement.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { problemKind } from '../src/validation/problem';

/** Ours: no problem, a Velero refusal, only deliberate refusals, or a props error (no manifest at fault). */
export type OurVerdict = 'valid' | 'invalid' | 'deliberate' | 'props';

export interface ConformanceCase {
  readonly id: string;
  readonly source: string;
  readonly ours: OurVerdict;
  readonly problems: string[];
  readonly objects: any[];
}

export function verdictOf(problems: string[]): OurVerdict {
  const kinds = new Set(problems.map(problemKind));
  if (kinds.has('props')) return 'props';
  if (kinds.has('velero')) return 'invalid';
  return kinds.has('deliberate') ? 'deliberate' : 'valid';
}

/** The chart's Velero objects, rendered without validation, and every validation message of the chart. */
export function caseFromChart(id: string, source: string, chart: Chart): ConformanceCase {
  const constructs = chart.node.findAll();
  const problems = constructs.flatMap(c => c.node.validate().map(message => `[${c.node.path}] ${message}`));
  const objects = constructs
    .filter((c): c is ApiObject => c instanceof ApiObject && c.apiVersion.startsWith('velero.io/'))
    .map(o => o.toJson());
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
