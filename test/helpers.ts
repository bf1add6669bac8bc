import { Chart, Testing } from 'cdk8s';
import { expectValidAgainstCrds } from './crd-schema';

/** A fresh chart in a fresh app, as users write tests. */
export function newChart(): Chart {
  return Testing.chart();
}

/** Synthesizes the chart (running every validation) and checks each object against the CRDs. */
export function synthValid(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  expectValidAgainstCrds(manifests);
  return manifests;
}

/** The one object of the given kind and name. */
export function find(manifests: any[], kind: string, name: string): any {
  const found = manifests.filter(m => m.kind === kind && m.metadata.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The validation messages of a chart that must fail to synthesize, one per line. */
export function synthProblems(chart: Chart): string[] {
  return synthErrors(chart).split('\n').slice(1).map(line => line.trim());
}

/** The validation messages of a chart that must fail to synthesize. */
export function synthErrors(chart: Chart): string {
  let message = '';
  try {
    Testing.synth(chart);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/^Validation failed with the following errors:/);
  return message;
}
