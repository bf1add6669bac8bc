import { Chart, Testing } from 'cdk8s';
import { caseFromChart, captureCase } from './conformance-case';
import { expectValidAgainstCrds } from './crd-schema';

export { newChart } from './helpers-chart';

/** Synthesizes the chart (running every validation) and checks each object against the CRDs. */
export function synthValid(chart: Chart): any[] {
  capture(chart);
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
  capture(chart);
  let message = '';
  try {
    Testing.synth(chart);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/^Validation failed with the following errors:/);
  return message;
}

/** Records the chart for the conformance suite (only when a conformance run asks for it). */
function capture(chart: Chart): void {
  captureCase(caseFromChart(expect.getState().currentTestName ?? 'unnamed', 'test suite', chart));
}
