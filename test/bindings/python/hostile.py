"""Hostile arguments through the Python binding: a sample of the jsii fuzz test
(test/fuzz) as a Python user would meet it.

jsii's own type checks run first in Python and raise a TypeError naming the
argument; that is an answer. A value that passes them (None where jsii takes
it, a fractional number, a Duration that is no whole number of nanoseconds,
a construct that is no Namespace) must make the synth fail with a message
naming the argument. Never any other exception.

NaN and infinities cannot be tried from Python: the jsii runtime sends them as
JSON, which has no such numbers, and the JavaScript kernel dies on the message
(SyntaxError in JSON.parse), whatever the library does.

Prints one line per case; exits 1 when any case fails.
"""
import re
import sys

from cdk8s import ApiObject, App, Chart, Duration
from cdk8s_kyma_backup import (
    BackupNamespaces,
    BackupSchedule,
    KymaBackupPlan,
    KymaBackupRule,
    KymaBackupSchedule,
    KymaBackupStorageLocation,
    KymaResourcePolicy,
    KymaRestorePlan,
    KymaRestoreRemapping,
    KymaSystemBackup,
    KymaUserBackup,
    LabelExpression,
    LabelSelector,
    LocationCredential,
    NamespaceMapping,
    ResourceModifierConditions,
    ResourceModifierRule,
    RestoreHook,
    RestoreOrder,
    VolumePolicy,
    WorkloadHooks,
)


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def names_in(text, names):
    """Whether the text names one of `names`, in camelCase (JavaScript's) or snake_case (Python's)."""
    return any(re.search(rf"(^|[^A-Za-z0-9_]){re.escape(n)}([^A-Za-z0-9_]|$)", text)
               or re.search(rf"(^|[^A-Za-z0-9_]){re.escape(snake(n))}([^A-Za-z0-9_]|$)", text) for n in names)


def case(label, names, build, jsii_drops=None):
    """`build(chart)` makes the call; the answer must name one of `names` (parameter or field).

    `jsii_drops`: why the binding drops the value before the library sees it;
    then a synth that succeeds is a note, not a failure.
    """
    app = App()
    chart = Chart(app, "C")
    try:
        build(chart)
    except TypeError as error:  # jsii's type checks in Python: the parameter must be named
        if names_in(str(error), names):
            return f"ok   {label}: TypeError from jsii's type check"
        return f"FAIL {label}: TypeError that does not name {names}: {str(error).splitlines()[0][:200]}"
    except Exception as error:  # noqa: BLE001
        text = str(error)
        # The jsii kernel's own check (for interfaces such as IConstruct, and structs given as dicts).
        if "@jsii/kernel.SerializationError" in text and names_in(text.split("Unable to")[0], names):
            return f"ok   {label}: the jsii kernel's SerializationError"
        return f"FAIL {label}: raw {type(error).__name__} while building: {text.splitlines()[0][:200]}"
    try:
        app.synth_yaml()
    except Exception as error:  # noqa: BLE001
        text = str(error)
        if "Validation failed with the following errors:" not in text:
            return f"FAIL {label}: raw {type(error).__name__} at synth: {text.splitlines()[0][:200]}"
        lines = text[text.index("Validation failed"):].splitlines()[1:]
        # The field part of a problem line: `[path] field = value: message`.
        fields = [re.sub(r"^\s*\[[^\]]*\]\s*", "", line).split(" = ")[0] for line in lines]
        if any(names_in(field, names) for field in fields):
            return f"ok   {label}: reported at synth"
        return f"FAIL {label}: the synth error does not name {names}: {lines[0].strip()[:200] if lines else text[:200]}"
    if jsii_drops:
        return f"note {label}: not reported, {jsii_drops}"
    return f"FAIL {label}: wrong value not reported (synth succeeded)"


def config_map(chart):
    return ApiObject(chart, "Cm", api_version="v1", kind="ConfigMap", metadata={"name": "cm", "namespace": "shop"})


CASES = [
    # Caught by jsii's type checks in Python.
    ("excludeNamespaces(namespaces) = 'scratch'", ["namespaces"],
     lambda c: KymaUserBackup(c, "U").exclude_namespaces("scratch")),
    ("BackupNamespaces.named(7)", ["names"], lambda c: BackupNamespaces.named(7)),
    ("KymaSystemBackup ttl='720h'", ["ttl"], lambda c: KymaSystemBackup(c, "S", ttl="720h")),
    ("KymaRestorePlan order='crds-first' (an enum as a string)", ["order"],
     lambda c: KymaRestorePlan(c, "R", order="crds-first")),
    ("KymaRestorePlan order=RestoreOrder (the enum class)", ["order"],
     lambda c: KymaRestorePlan(c, "R", order=RestoreOrder)),
    ("LabelExpression.in_(None, ['a'])", ["key"], lambda c: LabelExpression.in_(None, ["a"])),
    ("KymaBackupPlan.add_rule(None)", ["rule"],
     lambda c: KymaBackupPlan(c, "P", rules=[KymaBackupRule.daily()]).add_rule(None)),
    ("KymaBackupStorageLocation bucket=None", ["bucket"],
     lambda c: KymaBackupStorageLocation(c, "L", provider="aws", bucket=None)),
    ("BackupSchedule.cron(weekday='MON') (a misspelled field)", ["weekday"],
     lambda c: BackupSchedule.cron(weekday="MON")),
    ("hooks=[{'name': 'h', 'bogus': 1}] (an unknown key of a struct given as a dict)", ["bogus"],
     lambda c: KymaSystemBackup(c, "S", hooks=[{"name": "h", "bogus": 1}]),
     "jsii serializes a struct by its declared fields, so the library never sees the key"),
    ("LocationCredential.from_secret('secret', 'key')", ["secret"],
     lambda c: KymaBackupStorageLocation(c, "L", provider="aws", bucket="b",
                                         credential=LocationCredential.from_secret("secret", "key"))),
    ("WorkloadHooks.fsfreeze('db', 7)", ["mountPath"], lambda c: WorkloadHooks.fsfreeze("db", 7)),
    # Past jsii's type checks: the library must report them at synth.
    ("KymaSystemBackup ttl=Duration.millis(1e-9) (a fraction of a nanosecond)", ["ttl"],
     lambda c: KymaSystemBackup(c, "S", ttl=Duration.millis(1e-9))),
    ("KymaBackupSchedule retention_check_year=2026.5", ["retentionCheckYear"],
     lambda c: KymaBackupSchedule(c, "S", retention_check_year=2026.5)),
    ("KymaBackupRule.daily(keep=0.5)", ["keep"],
     lambda c: KymaBackupPlan(c, "P", rules=[KymaBackupRule.daily(keep=0.5)])),
    ("KymaRestorePlan parallel_files_download=2.5", ["parallelFilesDownload"],
     lambda c: KymaRestorePlan(c, "R", parallel_files_download=2.5)),
    ("KymaBackupRule.custom(keep=1.5)", ["keep"],
     lambda c: KymaBackupPlan(c, "P", rules=[KymaBackupRule.custom(name="c", schedule=BackupSchedule.expression("@daily"), keep=1.5)])),
    ("BackupNamespaces.of(a ConfigMap) as excluded_namespaces", ["excludedNamespaces", "namespaces"],
     lambda c: KymaUserBackup(c, "U", excluded_namespaces=BackupNamespaces.of(config_map(c)))),
    ("add_hook_for(a ConfigMap, which is no workload)", ["addHookFor"],
     lambda c: KymaUserBackup(c, "U").add_hook_for(config_map(c), pre=[{"command": ["sync"]}])),
    ("RestoreHook.init(init_containers=[7])", ["initContainers"],
     lambda c: KymaRestorePlan(c, "R", hooks=[RestoreHook.init(name="h", init_containers=[7])])),
    ("LabelSelector.of(labels={'app': 7})", ["labels", "options"],
     lambda c: KymaSystemBackup(c, "S", label_selector=LabelSelector.of(labels={"app": 7}))),
    # Resource policies and restoring onto a new cluster (issue 17).
    ("VolumePolicy.skip().where_storage_class() (no name: Velero would match every volume)", ["whereStorageClass"],
     lambda c: KymaResourcePolicy(c, "P", volume_policies=[VolumePolicy.skip().where_storage_class()])),
    ("VolumePolicy.skip().where_capacity(at_most='0') (Velero reads zero as no upper bound)", ["atMost"],
     lambda c: KymaResourcePolicy(c, "P", volume_policies=[VolumePolicy.skip().where_capacity(at_most="0")])),
    ("NamespaceMapping.of({'shop': 'Bad Name'})", ["mappedNamespaces"],
     lambda c: KymaRestorePlan(c, "R", mapped_namespaces=NamespaceMapping.of({"shop": "Bad Name"}))),
    ("KymaRestoreRemapping storage_classes={'standard': 'Not Valid'}", ["storageClasses"],
     lambda c: KymaRestoreRemapping(c, "M", storage_classes={"standard": "Not Valid"})),
    ("ResourceModifierRule.merge_patch(..., [7]) (a patch that is no object)", ["patches", "mergePatch"],
     lambda c: KymaRestorePlan(c, "R").add_resource_modifier(
         ResourceModifierRule.merge_patch(ResourceModifierConditions(group_resource="configmaps"), [7]))),
]

results = [case(*c) for c in CASES]
print("\n".join(results))
failed = [r for r in results if r.startswith("FAIL")]
print(f"python hostile: {len(CASES)} cases, {len(failed)} failing")
sys.exit(1 if failed else 0)
