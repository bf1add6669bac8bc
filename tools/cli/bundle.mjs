// Bundles the command line (src/cli/main.ts) with esbuild into one CommonJS
// file, lib/cli/kyma-backup.js, the package's bin; and beside it
// lib/cli/THIRD-PARTY-LICENSES.txt, the license of every package bundled in.
// Fails when a bundled package's license is not one of ALLOWED (no AGPL, no
// GPL, nothing unknown). Run by `npx projen bundle:cli`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// The output folder: lib/cli, or the one given (to try the bundle elsewhere).
const OUTDIR = process.argv[2] ? path.resolve(process.argv[2]) : path.join(ROOT, 'lib', 'cli');
const OUT = path.join(OUTDIR, 'kyma-backup.js');
const NOTICES = path.join(OUTDIR, 'THIRD-PARTY-LICENSES.txt');
// Permissive licenses only (Unlicense and CC0: public domain dedications).
const ALLOWED = new Set(['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'BlueOak-1.0.0', 'Unlicense', 'CC0-1.0']);

const result = await esbuild.build({
  entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: OUT,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});

// Executable, so that the packed tarball keeps it so: npm links bins itself, but
// the Python wheel's `kyma-backup` script (jsii-pacmak's) runs the file as it is.
fs.chmodSync(OUT, 0o755);

// The packages whose files went into the bundle: the innermost node_modules/<name> of each input.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match) continue;
  const dir = path.join(ROOT, match[1]);
  if (packages.has(dir)) continue;
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const licenseFile = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  packages.set(dir, {
    name: manifest.name,
    version: manifest.version,
    license: typeof manifest.license === 'string' ? manifest.license : manifest.license?.type ?? 'UNKNOWN',
    text: licenseFile ? fs.readFileSync(path.join(dir, licenseFile), 'utf8').trim() : undefined,
  });
}

const refused = [...packages.values()].filter((p) => !p.license.replace(/[()]/g, '').split(/ OR /).some((l) => ALLOWED.has(l.trim())));
if (refused.length > 0) {
  console.error(`bundle:cli: licenses not allowed in the bundle: ${refused.map((p) => `${p.name}@${p.version} (${p.license})`).join(', ')}`);
  process.exit(1);
}

const sorted = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
fs.writeFileSync(NOTICES, [
  'kyma-backup.js bundles the following packages. Their licenses follow.',
  '',
  ...sorted.map((p) => [`${'='.repeat(78)}`, `${p.name}@${p.version} (${p.license})`, '', p.text ?? `(no license file in the package; its license is ${p.license})`, ''].join('\n')),
].join('\n'));
