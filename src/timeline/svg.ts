// The plan as a picture: for each rule, every backup that exists during the
// simulated year, as a bar from its run to its expiry, stacked so that
// backups alive at the same time lie on different lines.
import { RuleRuns } from './timeline';
import { yearWindow } from '../time/cron-runs';
import { daysFromCivil } from '../time/zone-clock';

const WIDTH = 960;
const LABEL = 150;
const LINE = 5;
const GAP = 24;
const TOP = 28;
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function renderPlanSvg(ruleRuns: readonly RuleRuns[], year: number, title: string): string {
  const { start, end } = yearWindow('UTC', year);
  const x = (t: number) => (LABEL + (Math.min(Math.max(t, start), end) - start) / (end - start) * (WIDTH - LABEL - 10)).toFixed(1);
  const body: string[] = [];
  let y = TOP;
  ruleRuns.forEach((r, i) => {
    const ttl = r.rule.ttlSeconds;
    // Backups alive at some time in the year, each on the first line free at its run.
    const lifetimes = r.runs.filter(run => run < end && run + ttl > start);
    const freeAt: number[] = [];
    const bars = lifetimes.map(run => {
      let line = freeAt.findIndex(free => free <= run);
      if (line < 0) line = freeAt.push(0) - 1;
      freeAt[line] = run + ttl;
      return { run, line };
    });
    const height = Math.max(1, freeAt.length) * LINE;
    body.push(`<text x="4" y="${y + height / 2 + 4}" font-size="12">${escape(r.rule.name)}: up to ${freeAt.length} at once</text>`);
    for (const { run, line } of bars) {
      // A pixel less than its lifetime, so that one backup's end shows where the next on its line begins.
      const width = Math.max(1, Number(x(run + ttl)) - Number(x(run)) - 1);
      body.push(`<rect x="${x(run)}" y="${y + line * LINE}" width="${width.toFixed(1)}" height="${LINE - 1}" fill="${COLOURS[i % COLOURS.length]}"/>`);
    }
    y += height + GAP;
  });
  const grid = MONTHS.map((month, m) => {
    const at = daysFromCivil(year, m + 1, 1) * 86_400;
    return `<line x1="${x(at)}" y1="${TOP - 6}" x2="${x(at)}" y2="${y - GAP + 6}" stroke="#ccc"/><text x="${Number(x(at)) + 2}" y="${TOP - 10}" font-size="11">${month}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="sans-serif">`,
    `<title>${escape(title)}: backups that exist in ${year} (UTC), one bar from run to expiry</title>`,
    `<rect width="${WIDTH}" height="${y}" fill="white"/>`,
    ...grid,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
