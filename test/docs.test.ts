// Every code block of README.md and docs/*.md is checked, so that no example goes stale:
// - ts: type-checked against the library (the import `cdk8s-kyma-backup` is this repository's src/), in one
//   program for all blocks, then run, its App writing into a temporary directory;
// - yaml: every document parsed; Velero objects validated by VeleroValidation; Kubernetes objects have
//   apiVersion and kind;
// - sh: `bash -n`, and every `npm run <script>` and `npx projen <task>` exists (also in the prose), and so does
//   every command and option of `kyma-backup` (`npx kyma-backup apply --wait`, `npm run kyma-backup -- ...`); a file
//   `dist/<name>` it applies is one the TypeScript block before it writes;
// - json: parsed; python and go: syntax-checked, and the library names they use exist;
// - text-like tags (text, promql, lua): shown, not run. Any other tag, or none, fails: choose one.
// Markers, as HTML comments on the lines right before a fence:
//   <!-- expect-synth-error: <substring> -->  the ts block's synth fails with an error containing the substring;
//                                             a text block right after it is that error (`...` leaves out a part)
//   <!-- expect-problems -->                  the yaml block's Velero objects have problems (an example of them)
// Relative links between the documents are checked too.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as YAML from 'yaml';
import * as library from '../src';
import { program as cliProgram } from '../src/cli/program';

const ROOT = path.join(__dirname, '..');
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`)];
// Linked from the README, written elsewhere; drop an entry once its file exists.
const PENDING_LINK_TARGETS = new Set(['docs/architecture.md']);

const TYPESCRIPT = new Set(['ts', 'typescript']);
const YAML_TAGS = new Set(['yaml', 'yml']);
const SHELL = new Set(['sh', 'bash']);
/** Shown as they are: output, queries, configuration of other tools. */
const TEXT_LIKE = new Set(['text', 'promql', 'lua']);
const KNOWN_TAGS = new Set([...TYPESCRIPT, ...YAML_TAGS, ...SHELL, 'json', 'python', 'go', ...TEXT_LIKE]);
const MARKERS = ['expect-synth-error', 'expect-problems'];

interface Block {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  readonly markers: ReadonlyArray<{ readonly name: string; readonly value: string; readonly line: number }>;
}

interface Doc {
  readonly file: string;
  readonly blocks: Block[];
  /** The text outside code blocks. */
  readonly prose: string;
}

function parseDoc(file: string): Doc {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks: Block[] = [];
  const prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/.exec(lines[i]);
    if (!open) {
      prose.push(lines[i]);
      continue;
    }
    const [, indent, fence, lang] = open;
    const markers: Array<{ name: string; value: string; line: number }> = [];
    for (let j = i - 1; j >= 0 && /^\s*<!--.*-->\s*$/.test(lines[j]); j--) {
      const marker = /^\s*<!--\s*([\w-]+)\s*(?::\s*([\s\S]*?))?\s*-->\s*$/.exec(lines[j]);
      if (marker) markers.unshift({ name: marker[1], value: marker[2] ?? '', line: j + 1 });
    }
    const body: string[] = [];
    let j = i + 1;
    const close = new RegExp(`^ *${fence[0]}{${fence.length},}\\s*$`);
    for (; j < lines.length && !close.test(lines[j]); j++) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    if (j === lines.length) throw new Error(`${file}:${i + 1}: the code block is never closed`);
    blocks.push({ file, line: i + 1, lang: lang.toLowerCase(), code: body.join('\n') + '\n', markers });
    i = j;
  }
  return { file, blocks, prose: prose.join('\n') };
}

const docs = DOCS.map(parseDoc);
const blocks = docs.flatMap(doc => doc.blocks);
const named = (wanted: Set<string>) => blocks.filter(b => wanted.has(b.lang)).map((b): [string, Block] => [`${b.file}:${b.line} (${b.lang})`, b]);
/** test.each, or one skipped test where the table is empty (jest refuses an empty table). */
function eachBlock<T extends unknown[]>(table: T[], title: string, fn: (...args: T) => void): void {
  if (table.length === 0) test.skip(title.replace('%s', '(no such block)'), () => undefined);
  else test.each(table)(title, (...args: any[]) => fn(...(args as T)));
}
const markerValues = (block: Block, name: string) => block.markers.filter(m => m.name === name).map(m => m.value);

describe('the documents', () => {
  test('have code blocks to check', () => {
    expect(docs.map(d => d.file)).toContain('README.md');
    expect(named(TYPESCRIPT).length).toBeGreaterThan(0);
  });

  test.each(blocks.map(b => [`${b.file}:${b.line}`, b] as const))('%s has a known language tag', (_, block) => {
    if (!KNOWN_TAGS.has(block.lang)) {
      throw new Error(`${block.file}:${block.line}: the code block's tag is "${block.lang}"; choose one of ${[...KNOWN_TAGS].join(', ')}`);
    }
  });

  eachBlock(blocks.flatMap(b => b.markers.map((m): [string, Block, Block['markers'][number]] => [`${b.file}:${m.line}`, b, m])), '%s: a known marker, on a block it applies to', (_, block, marker) => {
    expect(MARKERS).toContain(marker.name);
    if (marker.name === 'expect-synth-error') {
      expect(TYPESCRIPT.has(block.lang)).toBe(true);
      expect(marker.value).not.toBe('');
    }
    if (marker.name === 'expect-problems') expect(YAML_TAGS.has(block.lang)).toBe(true);
  });
});

describe('TypeScript blocks', () => {
  const tsBlocks = named(TYPESCRIPT);
  const virtualName = (block: Block) => path.join(ROOT, '.docs-blocks', `${block.file.replace(/[/.]/g, '_')}_L${block.line}.ts`);

  // One program for all blocks: each block is a virtual file beside the repository's node_modules.
  let diagnostics: Map<string, string[]> | undefined;
  function typeCheck(): Map<string, string[]> {
    if (diagnostics) return diagnostics;
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config;
    const options: ts.CompilerOptions = {
      ...ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options,
      noEmit: true,
      declaration: false,
      // An example may name a value it does not use again.
      noUnusedLocals: false,
      noUnusedParameters: false,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      moduleDetection: ts.ModuleDetectionKind.Force,
      types: ['node'],
      baseUrl: ROOT,
      paths: { 'cdk8s-kyma-backup': ['src/index.ts'] },
    };
    const files = new Map(tsBlocks.map(([, b]) => [virtualName(b), b.code]));
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (fileName, languageVersion, ...rest) => files.has(fileName)
      ? ts.createSourceFile(fileName, files.get(fileName)!, languageVersion, true)
      : getSourceFile.call(host, fileName, languageVersion, ...rest);
    const fileExists = host.fileExists;
    host.fileExists = fileName => files.has(fileName) || fileExists.call(host, fileName);
    const readFile = host.readFile;
    host.readFile = fileName => files.get(fileName) ?? readFile.call(host, fileName);
    const program = ts.createProgram([...files.keys()], options, host);
    const blockOf = new Map(tsBlocks.map(([, b]) => [virtualName(b), b]));
    const format = (d: ts.Diagnostic) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return text;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      const block = blockOf.get(d.file.fileName);
      // Where the reader edits it: the document's line (the block's first line follows the fence).
      return block ? `${block.file}:${block.line + line + 1}:${character + 1}: ${text}` : `${d.file.fileName}:${line + 1}: ${text}`;
    };
    const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map(format);
    diagnostics = new Map([...files.keys()].map(name => {
      const sourceFile = program.getSourceFile(name)!;
      return [name, [...global, ...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(d => typeof d === 'string' ? d : format(d))];
    }));
    return diagnostics;
  }

  function run(block: Block, outdir: string): void {
    const js = ts.transpileModule(block.code, {
      fileName: virtualName(block),
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    // The real library from src/ (ts-jest compiles it), every other module as installed.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (id: string) => id === 'cdk8s-kyma-backup' ? library : require(id);
    const quiet = { ...console, log: () => undefined, info: () => undefined, warn: () => undefined };
    const saved = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      const module = { exports: {} };
      new Function('require', 'module', 'exports', 'console', js)(load, module, module.exports, quiet);
    } finally {
      if (saved === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = saved;
    }
  }

  eachBlock(tsBlocks, '%s type-checks and runs', (name, block) => {
    // A complete program a user can paste.
    expect(block.code).toMatch(/^import [^;]* from 'cdk8s-kyma-backup';$/m);
    expect(block.code).toContain('new App(');
    expect(block.code).toMatch(/\.synth\(\)/);
    const problems = typeCheck().get(virtualName(block))!;
    if (problems.length > 0) throw new Error(`${name} does not type-check:\n${problems.join('\n')}`);

    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyma-backup-docs-'));
    try {
      const expected = markerValues(block, 'expect-synth-error');
      let error: unknown;
      try {
        run(block, outdir);
      } catch (e) {
        error = e;
      }
      if (expected.length === 0) {
        if (error) throw new Error(`${name} fails when run: ${error instanceof Error ? error.stack : error}`);
        // Its App wrote here, not somewhere of its own.
        const written = fs.readdirSync(outdir);
        expect(written.filter(f => f.endsWith('.yaml')).length).toBeGreaterThan(0);
        // The shell blocks that follow it (up to the next TypeScript block) apply files it writes.
        const next = blocks.find(b => b.file === block.file && b.line > block.line && TYPESCRIPT.has(b.lang));
        for (const shell of blocks.filter(b => b.file === block.file && SHELL.has(b.lang) && b.line > block.line && (!next || b.line < next.line))) {
          for (const [, file] of shell.code.matchAll(/\bdist\/([\w.-]+)/g)) {
            if (!written.includes(file)) throw new Error(`${shell.file}:${shell.line} applies dist/${file}, which ${name} does not write (it writes ${written.join(', ')})`);
          }
        }
      } else {
        if (!error) throw new Error(`${name} is marked to fail its synth but runs without error`);
        const message = String(error instanceof Error ? error.message : error);
        for (const substring of expected) expect(message).toContain(substring);
        // A text block right after it shows the output: each line is a line of the error, `...` leaving out a part.
        const after = blocks[blocks.indexOf(block) + 1];
        if (after && after.file === block.file && TEXT_LIKE.has(after.lang)) {
          const actual = message.split('\n').map(l => l.trim());
          for (const shown of after.code.split('\n').map(l => l.trim()).filter(l => l !== '')) {
            const pattern = new RegExp(`^${shown.split(/\(\.\.\.\)|\.\.\.|…/).map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
            if (!actual.some(l => pattern.test(l))) {
              throw new Error(`${after.file}:${after.line} shows a line the synth of ${name} does not print:\n${shown}\nIt prints:\n${actual.join('\n')}`);
            }
          }
        }
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('YAML blocks', () => {
  eachBlock(named(YAML_TAGS), '%s parses; Velero objects are valid, Kubernetes objects have apiVersion and kind', (name, block) => {
    const documents = YAML.parseAllDocuments(block.code);
    const values: any[] = [];
    for (const document of documents) {
      if (document.errors.length > 0) throw new Error(`${name}: ${document.errors.map(e => e.message).join('; ')}`);
      values.push(document.toJS());
    }
    expect(values.length).toBeGreaterThan(0);
    const objects = values.filter(v => v !== null && typeof v === 'object' && !Array.isArray(v)
      && ('apiVersion' in v || 'kind' in v || 'metadata' in v));
    for (const object of objects) {
      expect(typeof object.apiVersion).toBe('string');
      expect(typeof object.kind).toBe('string');
    }
    const velero = objects.filter(o => String(o.apiVersion).startsWith('velero.io/'));
    const problems = library.VeleroValidation.validateObjects(velero);
    if (block.markers.some(m => m.name === 'expect-problems')) {
      expect(velero.length).toBeGreaterThan(0);
      expect(problems.length).toBeGreaterThan(0);
    } else if (problems.length > 0) {
      throw new Error(`${name}: Velero would refuse it:\n${library.VeleroValidation.format(problems)}`);
    }
  });
});

describe('shell blocks and commands', () => {
  const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
  const tasks = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks);

  // The command line's commands and their long options, from its own parser.
  const cli = cliProgram({ apply: async () => 0, restore: async () => 0, verify: async () => 0, status: async () => 0 }, () => undefined);
  const cliOptions = new Map(cli.commands.map(c => [c.name(), new Set([...c.options.map(o => o.long), '--help'])]));

  function expectKnownCommands(text: string, where: string) {
    for (const [, args] of text.matchAll(/\b(?:npx(?: --yes)?(?: --package[ =]\S+)?|npm run) kyma-backup(?: --)?((?: +[^\s`|;&]+)*)/g)) {
      // `npx kyma-backup …` (or `<command>`) names the command line, not a command.
      const words = args.trim().split(/\s+/).filter(w => w !== '' && !/^(?:…|\.\.\.|<[^>]*>)$/.test(w));
      const command = words.find(w => !w.startsWith('-'));
      if (command === undefined) continue;
      const options = cliOptions.get(command);
      if (!options) throw new Error(`${where}: \`kyma-backup ${command}\` is not a command of the command line (it has: ${[...cliOptions.keys()].join(', ')})`);
      for (const option of words.filter(w => w.startsWith('--')).map(w => w.split('=')[0])) {
        if (!options.has(option)) throw new Error(`${where}: \`kyma-backup ${command}\` has no option ${option}`);
      }
    }
    for (const [, script] of text.matchAll(/\bnpm run ([\w:.-]+)/g)) {
      if (!scripts.includes(script)) throw new Error(`${where}: \`npm run ${script}\` is not a script of package.json`);
    }
    for (const [, task] of text.matchAll(/\bnpx projen ([\w:.-]+)/g)) {
      if (!tasks.includes(task)) throw new Error(`${where}: \`npx projen ${task}\` is not a task of .projen/tasks.json`);
    }
  }

  eachBlock(named(SHELL), '%s: valid syntax, known scripts and tasks', (name, block) => {
    const check = spawnSync('bash', ['-n'], { input: block.code, encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`${name}: bash -n: ${check.stderr}`);
    expectKnownCommands(block.code, name);
  });

  test.each(docs.map(d => [d.file, d] as const))('%s: the scripts and tasks its prose names exist', (file, doc) => {
    expectKnownCommands(doc.prose, file);
  });
});

describe('other blocks', () => {
  const exported = new Set(Object.keys(library));

  eachBlock(named(new Set(['json'])), '%s parses', (_, block) => {
    expect(() => JSON.parse(block.code)).not.toThrow();
  });

  eachBlock(named(new Set(['python'])), '%s: valid syntax, names the library exports', (name, block) => {
    const check = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: block.code, encoding: 'utf8' });
    if (check.error === undefined && check.status !== 0) throw new Error(`${name}: ${check.stderr}`);
    const imports = [...block.code.matchAll(/^from cdk8s_kyma_backup import (.+)$/gm)].flatMap(m => m[1].split(',').map(s => s.trim()));
    expect(imports.length).toBeGreaterThan(0);
    for (const imported of imports) expect(exported).toContain(imported);
  });

  eachBlock(named(new Set(['go'])), '%s: valid syntax, names the library exports', (name, block) => {
    const check = spawnSync('gofmt', ['-e'], { input: block.code, encoding: 'utf8' });
    if (check.error === undefined && check.status !== 0) throw new Error(`${name}: ${check.stderr}`);
    const used = [...block.code.matchAll(/\bkyma\.(?:New)?([A-Z]\w*?)(?:_\w+)?\(/g)].map(m => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name_ of used) expect(exported).toContain(name_);
  });
});

describe('links', () => {
  const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
  const anchors = (file: string) => {
    const seen = new Map<string, number>();
    return parseDoc(file).prose.split('\n').filter(l => /^#{1,6} /.test(l)).map(l => {
      const base = slug(l.replace(/^#+ /, ''));
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return n === 0 ? base : `${base}-${n}`;
    });
  };

  test.each(docs.map(d => [d.file, d] as const))('%s: relative links point at files and headings that exist', (file, doc) => {
    for (const [, target] of doc.prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [pathPart, anchor] = target.split('#');
      const resolved = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
      if (PENDING_LINK_TARGETS.has(resolved)) continue;
      if (!fs.existsSync(path.join(ROOT, resolved))) throw new Error(`${file}: the link ${target} points at ${resolved}, which does not exist`);
      if (anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).includes(anchor)) {
        throw new Error(`${file}: the link ${target}: ${resolved} has no heading #${anchor}`);
      }
    }
  });
});
