// The manifests of the "refusals are real" step: drawn with a fixed seed from
// the conformance corpus (test/conformance/testdata/corpus.json, written by
// test/conformance/write-corpus.ts), made to fit this cluster (Velero's
// namespace, unique names, the locations that exist) where that leaves their
// verdict alone, and judged again by the library after that change.
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './kube';
import { ProblemKind, VeleroValidation } from '../../src';
import { dns1123SubdomainError } from '../../src/validation/kube-names';

export interface Draw {
  readonly id: string;
  /** The library's verdict on the object as applied. */
  readonly ours: 'valid' | 'invalid';
  readonly object: any;
}

const CORPUS = path.join(ROOT, 'test', 'conformance', 'testdata', 'corpus.json');
const SEED = 20261127;
const PER_VERDICT = 32;

/** At least PER_VERDICT refused and PER_VERDICT accepted Backups and Schedules. */
export function refusalDraws(): Draw[] {
  const cases: any[] = JSON.parse(fs.readFileSync(CORPUS, 'utf8')).cases;
  const candidates = cases
    .filter(c => c.objects.length === 1 && ['Backup', 'Schedule'].includes(c.objects[0].kind))
    .map((c, i) => fitted(c.id, c.objects[0], i))
    .filter((d): d is Draw => d !== undefined);
  const shuffled = shuffle(candidates);
  const refused = shuffled.filter(d => d.ours === 'invalid').slice(0, PER_VERDICT);
  const accepted = shuffled.filter(d => d.ours === 'valid').slice(0, PER_VERDICT);
  if (refused.length < 30 || accepted.length < 30) {
    throw new Error(`the corpus gave ${refused.length} refused and ${accepted.length} accepted manifests; at least 30 of each are needed`);
  }
  return [...refused, ...accepted];
}

function fitted(id: string, original: any, index: number): Draw | undefined {
  const object = JSON.parse(JSON.stringify(original));
  const spec = object.kind === 'Backup' ? object.spec : object.spec?.template;
  // A resource policy names a ConfigMap this cluster does not have.
  if (spec?.resourcePolicy) return undefined;
  object.metadata.namespace = 'kyma-backup';
  if (!dns1123SubdomainError(String(object.metadata.name)) && String(object.metadata.name).length <= 40) {
    object.metadata.name = `e2e-${object.kind.toLowerCase()}-${index}`;
  }
  if (spec) {
    // Locations are looked up by name: a valid name becomes one that exists, an impossible one stays.
    if (typeof spec.storageLocation === 'string' && spec.storageLocation !== '' && !dns1123SubdomainError(spec.storageLocation)) {
      spec.storageLocation = 'default';
    }
    if (Array.isArray(spec.volumeSnapshotLocations)) {
      spec.volumeSnapshotLocations = spec.volumeSnapshotLocations.map((n: unknown) =>
        typeof n === 'string' && !dns1123SubdomainError(n) ? 'default' : n);
    }
  }
  const problems = VeleroValidation.validateObjects([object]);
  if (problems.some(p => p.kind === ProblemKind.PROPS) || (problems.length > 0 && problems.every(p => p.kind === ProblemKind.DELIBERATE))) {
    return undefined;
  }
  // A drawn Schedule need not start a backup when it is created.
  if (object.kind === 'Schedule') object.spec.skipImmediately = true;
  return { id, ours: problems.length === 0 ? 'valid' : 'invalid', object };
}

/** A seeded Fisher-Yates shuffle, so that every run draws the same manifests. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  let state = SEED;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
