import { Chart, Testing } from 'cdk8s';

/** A fresh chart in a fresh app, as users write tests. */
export function newChart(): Chart {
  return Testing.chart();
}
