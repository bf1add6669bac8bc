import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { alertGroup } from './alert-group';
import { IKymaBackupPlan } from './plan-interface';
import { PrometheusRule } from '../../imports/monitoring.coreos.com';
import { PROMETHEUS_CRD_SCHEMAS } from '../../imports/prometheus-schemas';
import { VELERO_NAMESPACE } from '../core/defaults';
import { checkedId, checkedScope, constructId, reportIdProblems } from '../private/construct-id';
import { PropType, PropsShape, conformingProps, propsProblems, structShape } from '../private/props-check';
import { checkAgainstSchema } from '../validation/crd-schema';
import { Problem, ProblemKind, formatProblem, problem } from '../validation/problem';
import { metadataProblems } from '../validation/velero-object';

/** Options of `KymaBackupPlan.addAlerts`. */
export interface KymaBackupAlertsOptions {
  /**
   * The namespace of the PrometheusRules.
   *
   * @default "kyma-backup"
   */
  readonly namespace?: string;

  /**
   * Labels of the PrometheusRules, for the Prometheus `ruleSelector`
   * (for example `release: prometheus`).
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Added to a rule's longest interval before a backup counts as overdue:
   * room for Velero's schedule check (once a minute) and the backup itself.
   *
   * @default Duration.hours(1)
   */
  readonly margin?: Duration;

  /**
   * The `severity` label of the alerts.
   *
   * @default "critical"
   */
  readonly severity?: string;
}

/** The run-time shape of `KymaBackupAlertsOptions`. */
export const ALERTS_OPTIONS_SHAPE: PropsShape = structShape('KymaBackupAlertsOptions', { namespace: 'string', labels: { map: 'string' }, margin: 'duration', severity: 'string' });

/** Props of `KymaBackupAlerts`. */
export interface KymaBackupAlertsProps extends KymaBackupAlertsOptions {
  /** The plan whose rules are watched. */
  readonly plan: IKymaBackupPlan;
}

/** An argument that takes `KymaBackupAlertsOptions`. */
export const ALERTS_OPTIONS_TYPE: PropType = { struct: ALERTS_OPTIONS_SHAPE };

/** The run-time shape of `KymaBackupAlertsProps` (the plan is checked apart: an interface has no class to test). */
const ALERTS_PROPS_SHAPE: PropsShape = structShape('KymaBackupAlertsProps', { ...ALERTS_OPTIONS_SHAPE, plan: { required: 'construct' } });

const SCHEMA = PROMETHEUS_CRD_SCHEMAS['monitoring.coreos.com/v1/PrometheusRule'];

/**
 * Prometheus alerts for a `KymaBackupPlan`, one PrometheusRule per rule
 * (prometheus-operator's CRD), on Velero's metrics: the newest successful
 * backup older than the rule's longest interval plus a margin, a failed or
 * partially failed backup, and no successful backup yet.
 */
export class KymaBackupAlerts extends Construct {
  /**
   * The PrometheusRule of each rule of the plan at the time of the call (escape hatch). Typed as
   * `ApiObject`: the generated class has an int-or-string union that the jsii languages read poorly.
   */
  public readonly prometheusRules: ApiObject[];

  constructor(scope: Construct, id: string, props: KymaBackupAlertsProps) {
    super(checkedScope(scope, 'KymaBackupAlerts'), checkedId(scope, id));
    reportIdProblems(this, id);
    const { plan: given, ...raw } = props ?? {} as KymaBackupAlertsProps;
    const plan = isPlan(given) ? given : undefined;
    const options = conformingProps(raw, ALERTS_OPTIONS_SHAPE);
    const marginSeconds = Math.round((options.margin ?? Duration.hours(1)).toSeconds());
    const severity = options.severity ?? 'critical';
    const rulesAtCall = plan?.rules.length ?? 0;
    const seen = new Set<string>();
    // Two rules of one name would share their alerts' names; the plan reports the second rule.
    const watched = (plan?.rules ?? []).map((rule, index) => ({ rule, index })).filter(({ rule }) => !seen.has(rule.name) && seen.add(rule.name));
    this.prometheusRules = watched.map(({ rule, index }) => {
      const [system, user] = plan!.scheduleNames(rule);
      return new PrometheusRule(this, constructId(rule.name), {
        metadata: { name: `${user}-alerts`, namespace: options.namespace ?? VELERO_NAMESPACE, labels: options.labels },
        spec: Lazy.any({
          produce: () => ({
            groups: [alertGroup({
              systemSchedule: system,
              userSchedule: user,
              about: `rule ${rule.name}, ${plan!.node.path}`,
              // An invalid schedule is reported by the plan; the alert then waits a day.
              intervalSeconds: plan!.timeline()?.rules[index]?.longestIntervalSeconds ?? 86_400,
              marginSeconds,
              severity,
            })],
          }),
        }),
      });
    });
    this.node.addValidation({
      validate: () => [
        // The plan is judged by what the alerts need of it (isPlan), once.
        ...props === undefined ? [formatProblem(problem('props', undefined, 'is missing', 'the props, with the plan to watch', ProblemKind.PROPS))] : [],
        ...propsProblems(props, ALERTS_PROPS_SHAPE).filter(p => p.field !== 'plan').map(formatProblem),
        ...plan || !isPropsObject(props) ? [] : [formatProblem(problem('plan', kindOfPlan(given), 'is not a backup plan', 'a KymaBackupPlan (an IKymaBackupPlan)', ProblemKind.PROPS))],
        // A rule added after the alerts would go unwatched.
        ...(plan?.rules ?? []).slice(rulesAtCall).filter(rule => !seen.has(rule.name)).map(rule => formatProblem(problem('addAlerts', rule.name,
          'was called before this rule was added, so the rule has no alerts', 'addAlerts() after the last addRule()', ProblemKind.PROPS))),
        ...this.prometheusRules.flatMap(rule => schemaProblems(rule).map(p => `${rule.node.id}: ${formatProblem(p)}`)),
      ],
    });
  }
}

/** What the API server would refuse: the CRD's schema and Kubernetes' metadata rules. */
function schemaProblems(rule: ApiObject): Problem[] {
  const json = rule.toJson();
  return [...checkAgainstSchema(json, SCHEMA).problems, ...metadataProblems(json.metadata ?? {}, false)];
}

/** Whether `value` is a backup plan as the alerts use it. */
function isPlan(value: unknown): value is IKymaBackupPlan {
  const plan = value as Partial<IKymaBackupPlan> | undefined;
  return typeof plan === 'object' && plan !== null && Array.isArray(plan.rules)
    && typeof plan.scheduleNames === 'function' && typeof plan.timeline === 'function' && plan.node !== undefined;
}

function isPropsObject(props: unknown): boolean {
  return typeof props === 'object' && props !== null && !Array.isArray(props);
}

/** The plan as a message shows it: a construct or an object by what it is, not as JSON. */
function kindOfPlan(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? `(a ${Object.getPrototypeOf(value)?.constructor?.name ?? 'object'})` : value;
}
