import { IConstruct } from 'constructs';
import { problem } from './validation/problem';

// Every Velero object our constructs create, by app (the construct tree's
// root) and by kind, namespace and name: cdk8s lets two objects share a name,
// and on apply the second would silently replace the first.
const objectsByApp = new WeakMap<IConstruct, Map<string, IConstruct[]>>();

/**
 * Records that `owner` creates the Velero object `kind namespace/name`, and
 * returns a check that reports the other constructs creating the same object.
 */
export function registerVeleroObject(owner: IConstruct, kind: string, namespace: string, name: string): () => string[] {
  const root = owner.node.root;
  let objects = objectsByApp.get(root);
  if (!objects) {
    objects = new Map();
    objectsByApp.set(root, objects);
  }
  const key = `${kind} ${namespace}/${name}`;
  const owners = objects.get(key) ?? [];
  owners.push(owner);
  objects.set(key, owners);
  return () => {
    const others = owners.filter(o => o !== owner).map(o => o.node.path);
    return others.length === 0 ? [] : [problem('metadata.name', name, `names a ${kind} in namespace ${namespace} that ${others.join(', ')} also creates`,
      `each ${kind} needs a name of its own in its namespace; applied together, one would replace the other`, 'deliberate')];
  };
}
