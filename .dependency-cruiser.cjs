/**
 * Import rules of src/, checked by dependency-cruiser in `npm test`
 * (`node tools/import-rules/check.mjs src`; by hand, for the same verdict:
 * `npx depcruise src --config .dependency-cruiser.cjs --output-type err-long`).
 *
 * src/ is built in floors. A file may import its own folder and any folder on a
 * LOWER floor; never a folder on its own floor (a sibling), never one above.
 * No import cycles anywhere, not even inside one folder.
 *
 * To add a capability folder, add its name to its floor in FLOORS below; every
 * rule is generated from that list. A file in src/ that is in no floor is an
 * error, so a new folder cannot be forgotten here.
 *
 * The paths of the rules match any `src/` tree, not only the one at the
 * repository root: test/dependency-rules.test.ts runs this same file on the
 * fixture tree test/fixtures/layering/src to prove that the rules fail.
 */

/** Lowest floor first. A name ending in `.ts` is a file directly in src/. */
const FLOORS = [
  ['time'], // Go durations, cron parser, robfig Next, wall-clock rules, zone table
  ['validation'], // Velero's and Kubernetes' rules, the one validator, VeleroValidation
  ['private'], // internals: props shape checking, owned objects, validated object classes
  ['core'], // shared vocabulary: the guide's defaults, namespaces, label selectors
  ['hooks', 'location', 'policy', 'timeline'],
  ['backup'],
  ['schedule'],
  ['plan', 'restore'],
  ['index.ts', 'cli'], // the entry point, and a command line (nothing imports it)
];

/** Folders outside src/ that src/ must never import. */
const NOT_FOR_SRC = ['test', 'app', 'bench', 'tools'];

// The root of the tree being judged: '' for the repository's own src/, or e.g.
// 'test/fixtures/layering/' for a fixture. `from.path` captures it as $1, and
// `to.path` uses $1 so that a rule only ever compares files of the same tree
// (and never a `src/` folder inside node_modules).
const ROOT = '^(|.*?/)';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The pattern of one floor entry, relative to src/: `time/` or `index\.ts$`. */
const entry = (name) => (name.endsWith('.ts') ? `${escape(name)}$` : `${escape(name)}/`);
const anyOf = (names) => `(?:${names.map(entry).join('|')})`;
/** How a message names a floor entry: `time/` or `src/index.ts`. */
const label = (name) => (name.endsWith('.ts') ? `src/${name}` : `${name}/`);

const layerRules = FLOORS.flatMap((floor, level) => {
  const below = FLOORS.slice(0, level).flat();
  return floor.map((name) => {
    const allowed = [name, ...below];
    const where = name.endsWith('.ts') ? `src/${name}` : `src/${name}/`;
    const lower = below.length > 0 ? below.map(label).join(', ') : 'nothing else in src/';
    const others = floor.filter((n) => n !== name).map(label);
    return {
      name: `layer-${name.replace(/\.ts$/, '')}`,
      severity: 'error',
      comment:
        `${where} is on floor ${level + 1} of src/ and may import only itself and the floors below it ` +
        `(${lower}), plus imports/ and packages. ` +
        (others.length > 0 ? `Its siblings on the same floor (${others.join(', ')}) are off limits too. ` : '') +
        'Move the shared code down to a lower floor (or into this folder), or pass it in as a parameter; ' +
        'see the floors in .dependency-cruiser.cjs.',
      from: { path: `${ROOT}src/${entry(name)}` },
      to: {
        path: '^$1src/',
        pathNot: `^$1src/${anyOf(allowed)}`,
      },
    };
  });
});

const NOT_IN_A_FLOOR =
  'Every file in src/ lives in a capability folder named in FLOORS of .dependency-cruiser.cjs ' +
  '(only src/index.ts sits directly in src/). Move the file into its folder, or add a new folder ' +
  'to its floor there.';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This import closes a cycle (type-only imports count too). Break it: move what both files need ' +
        'into a third file below them, or let one of them receive it as a parameter.',
      from: { path: `${ROOT}src/` },
      to: { circular: true },
    },
    ...layerRules,
    // Files of src/ in no floor: flagged when they import anything (this rule),
    // when they import nothing and nothing imports them (the orphan rule below),
    // and when a file in a floor imports them (that floor's layer rule).
    {
      name: 'not-in-a-floor',
      severity: 'error',
      comment: NOT_IN_A_FLOOR,
      from: { path: `${ROOT}src/`, pathNot: `${ROOT}src/${anyOf(FLOORS.flat())}` },
      to: {},
    },
    {
      name: 'not-in-a-floor-orphan',
      severity: 'error',
      comment: NOT_IN_A_FLOOR,
      from: { path: `${ROOT}src/`, pathNot: `${ROOT}src/${anyOf(FLOORS.flat())}`, orphan: true },
      to: {},
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment:
        `src/ is the published library: it must not import ${NOT_FOR_SRC.map((d) => `${d}/`).join(', ')}. ` +
        'Move what it needs into src/ (test helpers stay in test/ and import src/, not the other way round).',
      from: { path: `${ROOT}src/` },
      to: { path: `^$1(?:${NOT_FOR_SRC.join('|')})/` },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'This import cannot be resolved, so no other rule can judge it. Fix the path (or install the package).',
      from: { path: `${ROOT}src/` },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count too: a type-only cycle is still a cycle in the design.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages and the generated imports/ are allowed targets; nothing to judge inside them.
    doNotFollow: { path: ['(^|/)node_modules/', '(^|/)imports/'] },
  },
};
