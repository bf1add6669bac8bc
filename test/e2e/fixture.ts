// The fixture cluster of the end-to-end test, shaped like Kyma, and what the
// restore steps do with it: wipe it, snapshot it, compare two snapshots. The
// scenario (scenario.ts) and the command-line module (cli-restore.ts) share it.
import { Kube, comparable, waitFor } from './kube';

export const SYSTEM_NAMESPACES = ['istio-system', 'kyma-system', 'kyma-integration', 'kyma-installer', 'default', 'natss'];
export const USER_NAMESPACES = ['shop', 'blog'];
/** A namespace the app defines with cdk8s-plus and adds to the system namespaces. */
export const APP_SYSTEM_NAMESPACE = 'monitoring';
/** The label on every fixture object. */
export const FIXTURE_LABEL = 'e2e.kyma-backup/fixture';

/** The fixture cluster: objects shaped like Kyma's, in system and user namespaces, and cluster-scoped ones. */
export function fixtures(): any[] {
  const labels = { [FIXTURE_LABEL]: 'yes' };
  const objects: any[] = [
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.e2e.example.com', labels },
      spec: {
        group: 'e2e.example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
      },
    },
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'testdefinitions.testing.kyma-project.io', labels },
      spec: {
        group: 'testing.kyma-project.io',
        scope: 'Namespaced',
        names: { plural: 'testdefinitions', singular: 'testdefinition', kind: 'TestDefinition' },
        versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'e2e-reader', labels }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] },
  ];
  for (const ns of [...SYSTEM_NAMESPACES, APP_SYSTEM_NAMESPACE, ...USER_NAMESPACES]) {
    if (ns !== 'default' && ns !== APP_SYSTEM_NAMESPACE) {
      objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } });
    }
    const meta = (name: string) => ({ name, namespace: ns, labels: { ...labels, app: 'e2e' }, annotations: { 'e2e.kyma-backup/owner': ns } });
    objects.push(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('e2e-config'), data: { 'namespace': ns, 'settings.yaml': 'replicas: 2\n' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: meta('e2e-secret'), type: 'Opaque', stringData: { token: `t-${ns}` } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('e2e-sa') },
      { apiVersion: 'v1', kind: 'Service', metadata: meta('e2e-svc'), spec: { selector: { app: 'e2e' }, ports: [{ port: 80, targetPort: 8080 }] } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta('e2e-app'),
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'e2e' } },
          template: { metadata: { labels: { app: 'e2e' } }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] } },
        },
      },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('e2e-role'), rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: meta('e2e-binding'),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'e2e-role' },
        subjects: [{ kind: 'ServiceAccount', name: 'e2e-sa', namespace: ns }],
      },
    );
  }
  objects.push(
    { apiVersion: 'e2e.example.com/v1', kind: 'Widget', metadata: { name: 'system-widget', namespace: 'kyma-system', labels }, spec: { size: 3 } },
    { apiVersion: 'e2e.example.com/v1', kind: 'Widget', metadata: { name: 'user-widget', namespace: 'shop', labels }, spec: { size: 5 } },
    { apiVersion: 'testing.kyma-project.io/v1alpha1', kind: 'TestDefinition', metadata: { name: 'smoke', namespace: 'kyma-system', labels }, spec: { image: 'x' } },
  );
  return objects;
}

const FIXTURE_KINDS = 'namespaces,configmaps,secrets,serviceaccounts,services,deployments.apps,roles.rbac.authorization.k8s.io,'
  + 'rolebindings.rbac.authorization.k8s.io,widgets.e2e.example.com,testdefinitions.testing.kyma-project.io,'
  + 'clusterroles.rbac.authorization.k8s.io,customresourcedefinitions.apiextensions.k8s.io';

/** Every fixture object, by kind, namespace and name, as `comparable` sees it. */
export function snapshot(kube: Kube): Map<string, any> {
  const items = FIXTURE_KINDS.split(',').flatMap(kind => {
    try {
      return JSON.parse(kube.kubectl(['get', kind, '-A', '-l', `${FIXTURE_LABEL}=yes`, '-o', 'json'])).items;
    } catch (e) {
      // A custom resource's type is gone while its CRD is.
      if (/doesn't have a resource type/.test((e as Error).message)) return [];
      throw e;
    }
  });
  return new Map(items.map((o: any) => [`${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, comparable(o)]));
}

/** Throws when an object of `before` is lost or changed in `after`. */
export function compare(before: Map<string, any>, after: Map<string, any>, what: string): void {
  const lost = [...before.keys()].filter(k => !after.has(k));
  const changed = [...before.keys()].filter(k => after.has(k) && JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));
  for (const key of changed) {
    console.log(`  changed ${key}:\n    before ${JSON.stringify(before.get(key))}\n    after  ${JSON.stringify(after.get(key))}`);
  }
  console.log(`  ${what}: ${before.size} objects compared, ${lost.length} lost, ${changed.length} changed`);
  if (lost.length > 0 || changed.length > 0) {
    throw new Error(`${what}: lost ${JSON.stringify(lost)}, changed ${JSON.stringify(changed)}`);
  }
}

export function wipe(kube: Kube, namespaces: string[]): void {
  kube.kubectl(['delete', 'namespace', ...namespaces.filter(n => n !== 'default'), '--wait=false', '--ignore-not-found']);
  if (namespaces.includes('default')) {
    kube.kubectl(['delete', 'configmaps,secrets,serviceaccounts,services,deployments.apps,roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io',
      '-n', 'default', '-l', `${FIXTURE_LABEL}=yes`, '--wait=true']);
  }
  waitFor(`namespaces ${namespaces.join(', ')} to be gone`, 180, () =>
    namespaces.filter(n => n !== 'default').every(n => kube.getOne('namespace', n) === undefined) ? true : undefined);
}

/** Every fixture namespace and cluster-scoped fixture object, deleted. */
export function wipeAll(kube: Kube): void {
  wipe(kube, [...SYSTEM_NAMESPACES, APP_SYSTEM_NAMESPACE, ...USER_NAMESPACES]);
  kube.kubectl(['delete', 'clusterroles.rbac.authorization.k8s.io,customresourcedefinitions.apiextensions.k8s.io', '-l', `${FIXTURE_LABEL}=yes`, '--wait=true']);
}
