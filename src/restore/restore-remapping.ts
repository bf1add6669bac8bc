import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { imageMappingProblems, imageMappingRows } from './image-mapping';
import { VELERO_NAMESPACE } from '../core/defaults';
import { checkedId, checkedScope, reportIdProblems } from '../private/construct-id';
import { PropsShape, conformingProps, propsProblems, structShape } from '../private/props-check';
import { dns1123SubdomainError } from '../validation/kube-names';
import { Problem, ProblemKind, formatProblem, problem } from '../validation/problem';

/** Props of `KymaRestoreRemapping`. */
export interface KymaRestoreRemappingProps {
  /**
   * Velero's namespace, where Velero looks for the plugin-config ConfigMaps.
   *
   * @default "kyma-backup"
   */
  readonly namespace?: string;
  /**
   * Storage classes to restore under another name: backed-up class to the
   * class of the new cluster (which must exist there, or Velero fails the PVC).
   * Applies to PersistentVolumes, PersistentVolumeClaims and StatefulSets'
   * volume claim templates.
   *
   * @default - no storage class is changed
   */
  readonly storageClasses?: { [from: string]: string };
  /**
   * Image names, or parts of them such as a registry, a repository or a tag,
   * to replace: old part to new part. For each image Velero takes one row
   * whose old part occurs in it, the first it meets in Go's random map order,
   * and replaces every occurrence of that part; rows never chain. So no old
   * part may occur in another, and two rows that both occur in one image (a
   * registry row and a repository row) apply one or the other at random.
   *
   * @default - no image is changed
   */
  readonly images?: { [from: string]: string };
  /**
   * The name of the storage-class ConfigMap.
   *
   * @default "change-storage-class-config"
   */
  readonly storageClassConfigMapName?: string;
  /**
   * The name of the image ConfigMap.
   *
   * @default "change-image-name-config"
   */
  readonly imageConfigMapName?: string;
}

/** The run-time shape of `KymaRestoreRemappingProps`. */
const REMAPPING_PROPS_SHAPE: PropsShape = structShape('KymaRestoreRemappingProps', {
  namespace: 'string',
  storageClasses: { map: 'literal' },
  images: { map: 'literal' },
  storageClassConfigMapName: 'string',
  imageConfigMapName: 'string',
});

const PLUGIN_CONFIG_LABEL = 'velero.io/plugin-config';
const STORAGE_CLASS_ACTION = 'velero.io/change-storage-class';
const IMAGE_ACTION = 'velero.io/change-image-name';

/**
 * What changes when backed-up objects land on a new cluster: storage classes
 * and image names (or registries). Velero's change-storage-class and
 * change-image-name restore item actions find their settings cluster-wide, as
 * ConfigMaps in Velero's namespace with their plugin-config labels; while two
 * of one kind exist, the action fails each object it handles, and the Restore
 * ends PartiallyFailed. So this is a construct of its own, at most one per
 * app, and it applies to every Restore in Velero's namespace. A restore plan
 * names it (`remapping`), to say it counts on it.
 */
export class KymaRestoreRemapping extends Construct {
  /** Velero's namespace, where the ConfigMaps are. */
  public readonly namespace: string;
  /** The storage-class ConfigMap, when storage classes are mapped. */
  public readonly storageClassConfigMap?: ApiObject;
  /** The image ConfigMap, when images are mapped. */
  public readonly imageConfigMap?: ApiObject;

  constructor(scope: Construct, id: string, props: KymaRestoreRemappingProps = {}) {
    super(checkedScope(scope, 'KymaRestoreRemapping'), checkedId(scope, id));
    reportIdProblems(this, id);
    const usable = conformingProps(props, REMAPPING_PROPS_SHAPE);
    const namespace = this.namespace = usable.namespace ?? VELERO_NAMESPACE;
    if (usable.storageClasses && Object.keys(usable.storageClasses).length > 0) {
      this.storageClassConfigMap = pluginConfig(this, 'StorageClasses', usable.storageClassConfigMapName ?? 'change-storage-class-config',
        namespace, STORAGE_CLASS_ACTION, { ...usable.storageClasses });
    }
    if (usable.images && Object.keys(usable.images).length > 0) {
      // Velero reads each value as "<old part>,<new part>" and ignores the keys.
      this.imageConfigMap = pluginConfig(this, 'Images', usable.imageConfigMapName ?? 'change-image-name-config', namespace, IMAGE_ACTION,
        imageMappingRows(usable.images));
    }
    this.node.addValidation({
      validate: () => {
        const wrong = propsProblems(props, REMAPPING_PROPS_SHAPE, '', true);
        if (wrong.length > 0) return wrong.map(formatProblem);
        return [...this.mappingProblems(usable), ...this.duplicateProblems()].map(formatProblem);
      },
    });
  }

  private mappingProblems(p: KymaRestoreRemappingProps): Problem[] {
    const problems: Problem[] = [];
    // A name without mappings would be dropped: nothing is written under it.
    const unused = (name: string, value: string | undefined, mapping: object | undefined, what: string) =>
      value !== undefined && (mapping === undefined || Object.keys(mapping).length === 0)
        ? [problem(name, value, `names a ConfigMap, but no ${what} are mapped`, `map ${what}, or leave the name out`, ProblemKind.PROPS)] : [];
    problems.push(...unused('storageClassConfigMapName', p.storageClassConfigMapName, p.storageClasses, 'storage classes'));
    problems.push(...unused('imageConfigMapName', p.imageConfigMapName, p.images, 'images'));
    for (const [from, to] of Object.entries(p.storageClasses ?? {})) {
      for (const [side, name] of [['', from], ['', to]] as const) {
        const error = dns1123SubdomainError(name);
        if (error) {
          problems.push(problem(`storageClasses${side}[${JSON.stringify(from)}]`, name, error,
            'storage class names (DNS-1123 subdomains) on both sides', ProblemKind.DELIBERATE));
        }
      }
    }
    problems.push(...imageMappingProblems(p.images ?? {}));
    return problems;
  }

  /**
   * While Velero's namespace holds two plugin-config ConfigMaps of one kind,
   * the action fails every object it handles: a second remapping for one
   * Velero namespace in the app is refused.
   */
  private duplicateProblems(): Problem[] {
    const all = this.node.root.node.findAll()
      .filter((c): c is KymaRestoreRemapping => c instanceof KymaRestoreRemapping && c.namespace === this.namespace);
    if (all[0] === this) return [];
    return [problem('(construct)', this.node.path, `is a second KymaRestoreRemapping for namespace ${this.namespace} in the app, after ${all[0].node.path}`,
      'one remapping per Velero namespace: while two ConfigMaps of one kind exist there, Velero fails each object the action handles', ProblemKind.DELIBERATE)];
  }
}

function pluginConfig(scope: Construct, id: string, name: string, namespace: string, action: string, data: { [key: string]: string }): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { [PLUGIN_CONFIG_LABEL]: '', [action]: 'RestoreItemAction' } },
    data,
  });
}
