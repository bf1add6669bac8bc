import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AppValidation } from '../validation/app-validation';
import { Problem, formatProblem } from '../validation/problem';

/** One Velero object a construct creates, as its validation sees it. */
export interface OwnedObject {
  readonly object: ApiObject;
  /** Put before each problem of the object when the construct has several (for example "System"). */
  readonly label?: string;
  /** Checks of the written object that need the construct's intent. */
  readonly intentChecks?: (manifest: any) => Problem[];
}

/** What a construct checks before its objects are judged. */
export interface OwnerChecks {
  /** The props' run-time types; while any is wrong, nothing is rendered. */
  readonly props: () => Problem[];
  /** Problems of the props no manifest shows (reported once for all objects). */
  readonly options?: () => Problem[];
}

/**
 * Registers the validation of a construct of ours: its props first, then each
 * of its Velero objects as written (see AppValidation), reported at the
 * construct's path. Objects added later go through `ownObject`.
 */
export function validateOwnedObjects(owner: Construct, objects: readonly OwnedObject[], checks: OwnerChecks): void {
  for (const object of objects) ownObject(owner, object, checks);
  const validation = AppValidation.of(owner);
  owner.node.addValidation({
    validate: () => {
      const propsProblems = checks.props();
      if (propsProblems.length > 0) return propsProblems.map(formatProblem);
      return [...(checks.options?.() ?? []).map(formatProblem), ...validation.problemsOwnedBy(owner)];
    },
  });
}

/** Makes `owner` report the problems of one more object of its own. */
export function ownObject(owner: Construct, { object, label, intentChecks }: OwnedObject, checks: OwnerChecks): void {
  AppValidation.of(owner).own(object, { owner, label, intentChecks, blocked: () => checks.props().length > 0 });
}
