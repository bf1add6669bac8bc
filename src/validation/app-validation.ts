// Synth-time validation of every Velero object of an app, over each object's
// final JSON (tokens resolved, patches and metadata edits applied), so that
// what is written and what is judged are one and the same.
import { App, ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { droppedFieldProblems } from './dropped-fields';
import { Problem, ProblemKind, formatProblem, problem } from './problem';
import { policyObjectProblems } from './resource-policy';
import { LocatedObject, crossObjectProblems, veleroObjectProblems } from './velero-object';

/** How one of our constructs owns a Velero object. */
export interface Ownership {
  /** The construct whose validation reports the object's problems. */
  readonly owner: IConstruct;
  /** Put before each problem when the owner has more than one object (for example "System"). */
  readonly label?: string;
  /**
   * Checks that need the construct's intent (say, that a list is the system
   * scope), run on the object's final JSON.
   */
  readonly intentChecks?: (manifest: any) => Problem[];
  /** True while the owner's props are unusable: the object is then not rendered (its props problems stand instead). */
  readonly blocked?: () => boolean;
}

/** One validation pass: every Velero object's JSON and problems, computed once. */
interface Pass {
  readonly json: Map<ApiObject, any>;
  readonly problems: Map<ApiObject, Problem[]>;
  /** The `App.synth()` or `App.synthYaml()` call the pass was made in, if any. */
  readonly synth?: object;
}

const byRoot = new WeakMap<IConstruct, AppValidation>();

/**
 * The Velero objects of one app. It registers one validation on the app's
 * root, which cdk8s runs first in every synth; that starts a pass and gives
 * each Velero object not owned by a construct of ours a validation of its
 * own, so problems are reported at the object's path.
 */
export class AppValidation {
  /** The validation of the app that `scope` belongs to, registered on first use. */
  public static of(scope: IConstruct): AppValidation {
    const root = scope.node.root;
    let validation = byRoot.get(root);
    if (!validation) {
      validation = new AppValidation(root);
      byRoot.set(root, validation);
    }
    return validation;
  }

  /**
   * The JSON the current pass rendered for `object`, handed out once, so that
   * synth does not resolve the object a second time. Only within the same
   * synchronous run as the validation: any later call renders afresh.
   */
  public static takeRendered(object: ApiObject): any {
    const validation = byRoot.get(object.node.root);
    const pass = validation?.pass;
    if (!pass?.json.has(object)) return undefined;
    const json = pass.json.get(object);
    pass.json.delete(object);
    return json;
  }

  private readonly owned = new Map<ApiObject, Ownership>();
  private readonly objectsByOwner = new Map<IConstruct, ApiObject[]>();
  private readonly attached = new WeakSet<ApiObject>();
  private pass?: Pass;

  private constructor(private readonly root: IConstruct) {
    watchSynths();
    root.node.addValidation({
      validate: () => {
        // The root's validation runs first in each of cdk8s' validations. Within
        // one App.synth() no user code runs between them, so the pass stands;
        // anywhere else each validation judges the app afresh.
        if (currentSynth === undefined || this.pass?.synth !== currentSynth) this.endPass();
        // ConfigMaps too: one may be the resource policy a Backup names (judged only then, see judgePolicies).
        for (const object of [...this.veleroObjects(), ...this.configMaps()]) {
          if (!this.owned.has(object) && !this.attached.has(object)) {
            this.attached.add(object);
            object.node.addValidation({ validate: () => this.currentPass().problems.get(object)?.map(formatProblem) ?? [] });
          }
        }
        return [];
      },
    });
  }

  /** Records that `ownership.owner` reports the problems of `object`. */
  public own(object: ApiObject, ownership: Ownership): void {
    this.owned.set(object, ownership);
    const objects = this.objectsByOwner.get(ownership.owner);
    if (objects) objects.push(object); else this.objectsByOwner.set(ownership.owner, [object]);
  }

  /**
   * The problems of every object `owner` owns, as lines, each behind its
   * object's label; a problem all of them share (say, a schedule string they
   * take from one prop) is one line without a label.
   */
  public problemsOwnedBy(owner: IConstruct): string[] {
    const pass = this.currentPass();
    const objects = this.objectsByOwner.get(owner) ?? [];
    const perObject = objects.map(object => (pass.problems.get(object) ?? []).map(formatProblem));
    const shared = perObject.length > 1 ? perObject[0].filter(line => perObject.every(lines => lines.includes(line))) : [];
    const lines = [...new Set(shared)];
    objects.forEach((object, i) => {
      const label = this.owned.get(object)!.label;
      for (const line of perObject[i]) {
        if (!shared.includes(line)) lines.push(label ? `${label}: ${line}` : line);
      }
    });
    return lines;
  }

  private currentPass(): Pass {
    if (!this.pass) {
      this.pass = { ...this.runPass(), synth: currentSynth };
      // Reuse ends with this synchronous run: later calls see later changes.
      queueMicrotask(() => this.endPass());
    }
    return this.pass;
  }

  /** @internal Ends the current pass: the next validation renders afresh. */
  public endPass(): void {
    this.pass = undefined;
  }

  /** Whether the owner's props block rendering, asked once per owner and pass. */
  private isBlocked(ownership: Ownership, cache: Map<IConstruct, boolean>): boolean {
    let blocked = cache.get(ownership.owner);
    if (blocked === undefined) {
      blocked = ownership.blocked?.() ?? false;
      cache.set(ownership.owner, blocked);
    }
    return blocked;
  }

  private veleroObjects(): ApiObject[] {
    return this.root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.apiGroup === 'velero.io');
  }

  private configMaps(): ApiObject[] {
    return this.root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'ConfigMap' && c.apiVersion === 'v1');
  }

  /**
   * Resource policy ConfigMaps: those our constructs own, and any other the
   * app writes where a Backup or Schedule of the app names one (same
   * namespace and name). Each is judged over its final JSON; each Backup or
   * Schedule is judged with the policy it names (see resource-policy.ts).
   */
  private judgePolicies(
    located: ReadonlyArray<LocatedObject & { object: ApiObject }>,
    problems: Map<ApiObject, Problem[]>,
    blockedOwners: Map<IConstruct, boolean>): void {
    // Only ConfigMaps that may matter are rendered: ours, and those named by a Backup or Schedule.
    const names = new Set(located.map(({ manifest }) => (manifest.kind === 'Backup' ? manifest.spec : manifest.spec?.template)?.resourcePolicy?.name));
    const configMaps: Array<{ manifest: any; object: ApiObject }> = [];
    for (const configMap of this.configMaps()) {
      const ownership = this.owned.get(configMap);
      if (!ownership && !names.has(configMap.name)) continue;
      if (ownership && this.isBlocked(ownership, blockedOwners)) continue;
      try {
        configMaps.push({ manifest: ApiObject.prototype.toJson.call(configMap), object: configMap });
      } catch (e) {
        problems.set(configMap, [problem('(object)', undefined, `could not be rendered: ${errorText(e)}`,
          'every value must be of the type its field takes', ProblemKind.PROPS)]);
      }
    }
    const found = policyObjectProblems(located, configMaps, c => this.owned.has(c.object),
      c => `ConfigMap ${c.manifest.metadata?.namespace ?? ''}/${c.manifest.metadata?.name} at ${c.object.node.path}`);
    for (const [{ object }, list] of found) {
      const existing = problems.get(object);
      if (existing) existing.push(...list); else problems.set(object, list);
    }
  }

  private runPass(): Pass {
    const json = new Map<ApiObject, any>();
    const problems = new Map<ApiObject, Problem[]>();
    const located: Array<LocatedObject & { object: ApiObject }> = [];
    const blockedOwners = new Map<IConstruct, boolean>();
    for (const object of this.veleroObjects()) {
      const ownership = this.owned.get(object);
      if (ownership && this.isBlocked(ownership, blockedOwners)) continue;
      let manifest: any;
      let asPatched: any;
      try {
        ({ written: manifest, asPatched } = renderFresh(object));
      } catch (e) {
        problems.set(object, [problem('(object)', undefined, `could not be rendered: ${errorText(e)}`,
          'every value must be of the type its field takes', ProblemKind.PROPS)]);
        continue;
      }
      json.set(object, manifest);
      const found = [...veleroObjectProblems(manifest), ...droppedFieldProblems(asPatched, manifest)];
      if (ownership?.intentChecks) found.push(...ownership.intentChecks(manifest));
      problems.set(object, found);
      // Owners with one object are named by their own path; the others by the object's.
      const named = ownership && !ownership.label ? ownership.owner : object;
      located.push({ manifest, where: named.node.path, object });
    }
    for (const [entry, found] of crossObjectProblems(located)) {
      problems.get((entry as typeof located[number]).object)!.push(...found);
    }
    this.judgePolicies(located, problems, blockedOwners);
    return { json, problems };
  }
}

/** A token for the `App.synth()` or `App.synthYaml()` call in progress, if any. */
let currentSynth: object | undefined;
const watchedMethods = new WeakSet<Function>();

/**
 * Marks the span of each `App.synth()` and `App.synthYaml()` call. Both
 * validate the app, then render each chart through `Chart.toJson()`, which
 * validates the whole app again; one pass serves them all. The two public
 * methods are wrapped (once, on the App class this library shares with the
 * app through its peer dependency); an App of another copy of cdk8s is
 * simply validated again in each chart.
 */
function watchSynths(): void {
  const prototype = App.prototype as unknown as Record<'synth' | 'synthYaml', (...args: unknown[]) => unknown>;
  for (const name of ['synth', 'synthYaml'] as const) {
    const original = prototype[name];
    if (watchedMethods.has(original)) continue;
    const watched = function (this: App, ...args: unknown[]): unknown {
      const outer = currentSynth;
      currentSynth = {};
      try {
        return original.apply(this, args);
      } finally {
        currentSynth = outer;
        // A synth that failed left JSON nobody took: a toJson() after it renders afresh.
        byRoot.get(this)?.endPass();
      }
    };
    watchedMethods.add(watched);
    prototype[name] = watched;
  }
}

/** The object's JSON as written and as patched, bypassing the reuse of a pass's rendering. */
function renderFresh(object: ApiObject): Rendering {
  const render = (object as Partial<RendersForValidation>).renderForValidation;
  if (render) return render.call(object);
  const asPatched = ApiObject.prototype.toJson.call(object);
  // A generated class writes its CRD's fields only; a plain ApiObject writes what it holds.
  return { asPatched, written: object.toJson === ApiObject.prototype.toJson ? asPatched : object.toJson() };
}

/** An object's JSON after tokens and patches (`asPatched`), and what its class writes of it (`written`). */
export interface Rendering {
  readonly asPatched: any;
  readonly written: any;
}

/** Implemented by our own Velero object classes (see private/velero-objects.ts): one resolution for both. */
export interface RendersForValidation {
  renderForValidation(): Rendering;
}

function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  // cdk8s wraps serialization errors with the path, which the report already shows.
  return message.replace(/^Failed serializing construct at path '[^']*' with name '[^']*': (Error: )?/, '');
}
