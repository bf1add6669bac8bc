// Package conformance judges manifests with the code that judges them in a
// cluster: Kubernetes' CRD machinery (structural schema, pruning, schema
// validation), Velero's API types and Velero's own validation helpers, all at
// the versions Velero v1.18.1 uses.
package conformance

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/robfig/cron/v3"
	velerocrds "github.com/vmware-tanzu/velero/config/crd/v1/crds"
	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/util/collections"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	crvalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	sigsjson "sigs.k8s.io/json"
)

// crdJudge holds what the API server derives from one CRD version.
type crdJudge struct {
	structural *structuralschema.Structural
	validator  crvalidation.SchemaValidator
}

// judgedKinds are the Velero kinds the corpus may hold.
var judgedKinds = map[string]bool{
	"Backup":                 true,
	"Schedule":               true,
	"Restore":                true,
	"BackupStorageLocation":  true,
	"VolumeSnapshotLocation": true,
}

// Judges holds the API server's view of Velero's Backup, Schedule, Restore,
// BackupStorageLocation and VolumeSnapshotLocation CRDs.
type Judges struct {
	byKind map[string]crdJudge
}

// NewJudges builds the structural schemas and validators from the CRDs in
// Velero's Go package, failing if a schema is not structural.
func NewJudges() (*Judges, error) {
	j := &Judges{byKind: map[string]crdJudge{}}
	for _, crd := range velerocrds.CRDs {
		kind := crd.Spec.Names.Kind
		if !judgedKinds[kind] {
			continue
		}
		for _, version := range crd.Spec.Versions {
			if version.Name != "v1" {
				continue
			}
			internal := &apiextensions.JSONSchemaProps{}
			if err := apiextv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(version.Schema.OpenAPIV3Schema, internal, nil); err != nil {
				return nil, fmt.Errorf("%s: convert schema: %w", kind, err)
			}
			structural, err := structuralschema.NewStructural(internal)
			if err != nil {
				return nil, fmt.Errorf("%s: structural schema: %w", kind, err)
			}
			if errs := structuralschema.ValidateStructural(nil, structural); len(errs) > 0 {
				return nil, fmt.Errorf("%s: schema is not structural: %v", kind, errs.ToAggregate())
			}
			validator, _, err := crvalidation.NewSchemaValidator(internal)
			if err != nil {
				return nil, fmt.Errorf("%s: schema validator: %w", kind, err)
			}
			j.byKind[kind] = crdJudge{structural: structural, validator: validator}
		}
	}
	if len(j.byKind) != len(judgedKinds) {
		return nil, fmt.Errorf("found %d of the %d judged CRDs in Velero's package", len(j.byKind), len(judgedKinds))
	}
	return j, nil
}

// Refusals returns every reason the API server or Velero would refuse the
// object (or fail the backups or restores it leads to, or make the location
// unusable); none means it is taken whole.
func (j *Judges) Refusals(raw json.RawMessage) []string {
	var refusals []string
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return []string{"not a JSON object: " + err.Error()}
	}
	judge, ok := j.byKind[head.Kind]
	if head.APIVersion != "velero.io/v1" || !ok {
		return []string{fmt.Sprintf("no Velero CRD serves %s %s", head.APIVersion, head.Kind)}
	}

	// The API server: pruning of undeclared fields, then the schema.
	var unstructured map[string]interface{}
	if err := json.Unmarshal(raw, &unstructured); err != nil {
		return []string{"not a JSON object: " + err.Error()}
	}
	pruned := pruning.PruneWithOptions(unstructured, judge.structural, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})
	for _, path := range pruned {
		refusals = append(refusals, "pruned by the API server: "+path)
	}
	// Then, as the API server does (customresource_handler.go), nulls where the schema
	// allows none are dropped without a word; the object is validated without them.
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(unstructured, judge.structural)
	// Velero reads the object as the API server stores it.
	stored, err := json.Marshal(unstructured)
	if err != nil {
		return []string{"cannot encode the stored object: " + err.Error()}
	}
	for _, err := range crvalidation.ValidateCustomResource(nil, unstructured, judge.validator) {
		refusals = append(refusals, "CRD schema: "+err.Error())
	}

	// Velero's informers decode into its Go types; unknown fields are refused here too.
	switch head.Kind {
	case "Backup":
		var backup velerov1.Backup
		refusals = append(refusals, decodeStrict(stored, &backup)...)
		if len(refusals) > 0 {
			return refusals
		}
		refusals = append(refusals, objectMetaRefusals(&backup.ObjectMeta)...)
		refusals = append(refusals, backupSpecRefusals(backup.Spec, "spec")...)
	case "Schedule":
		var schedule velerov1.Schedule
		refusals = append(refusals, decodeStrict(stored, &schedule)...)
		if len(refusals) > 0 {
			return refusals
		}
		refusals = append(refusals, objectMetaRefusals(&schedule.ObjectMeta)...)
		// Velero labels each backup of the schedule with the schedule's name.
		for _, msg := range validation.IsValidLabelValue(schedule.Name) {
			refusals = append(refusals, "schedule name as the velero.io/schedule-name label: "+msg)
		}
		refusals = append(refusals, scheduleRefusals(schedule.Spec.Schedule)...)
		refusals = append(refusals, backupSpecRefusals(schedule.Spec.Template, "spec.template")...)
	case "Restore":
		var restore velerov1.Restore
		refusals = append(refusals, decodeStrict(stored, &restore)...)
		if len(refusals) > 0 {
			return refusals
		}
		refusals = append(refusals, objectMetaRefusals(&restore.ObjectMeta)...)
		refusals = append(refusals, restoreSpecRefusals(&restore)...)
	case "BackupStorageLocation":
		var bsl velerov1.BackupStorageLocation
		refusals = append(refusals, decodeStrict(stored, &bsl)...)
		if len(refusals) > 0 {
			return refusals
		}
		refusals = append(refusals, objectMetaRefusals(&bsl.ObjectMeta)...)
		refusals = append(refusals, backupStorageLocationRefusals(&bsl)...)
	case "VolumeSnapshotLocation":
		var vsl velerov1.VolumeSnapshotLocation
		refusals = append(refusals, decodeStrict(stored, &vsl)...)
		if len(refusals) > 0 {
			return refusals
		}
		refusals = append(refusals, objectMetaRefusals(&vsl.ObjectMeta)...)
		refusals = append(refusals, volumeSnapshotLocationRefusals(&vsl)...)
	}
	return refusals
}

func decodeStrict(raw json.RawMessage, into interface{}) []string {
	strictErrs, err := sigsjson.UnmarshalStrict(raw, into, sigsjson.DisallowUnknownFields)
	var refusals []string
	if err != nil {
		refusals = append(refusals, "Velero's Go types: "+err.Error())
	}
	for _, e := range strictErrs {
		refusals = append(refusals, "Velero's Go types (strict): "+e.Error())
	}
	return refusals
}

func objectMetaRefusals(meta *metav1.ObjectMeta) []string {
	var refusals []string
	for _, err := range apivalidation.ValidateObjectMeta(meta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata")) {
		refusals = append(refusals, "object meta: "+err.Error())
	}
	return refusals
}

// scheduleRefusals parses the schedule as Velero's schedule controller does
// (robfig/cron v3 ParseStandard, a panic counted as a refusal).
func scheduleRefusals(schedule string) (refusals []string) {
	if schedule == "" {
		return []string{"schedule: empty"}
	}
	defer func() {
		if r := recover(); r != nil {
			refusals = append(refusals, fmt.Sprintf("schedule: parser panicked: %v", r))
		}
	}()
	if _, err := cron.ParseStandard(schedule); err != nil {
		refusals = append(refusals, "schedule: "+err.Error())
	}
	return refusals
}

// backupSpecRefusals applies the checks of Velero's backup controller
// (prepareBackupRequest) that depend only on the spec, with Velero's own
// helpers, plus what makes a backup fail later: label selectors Kubernetes
// cannot parse, labels it cannot set, names no object can have.
func backupSpecRefusals(spec velerov1.BackupSpec, at string) []string {
	var refusals []string
	add := func(prefix string, errs []error) {
		for _, err := range errs {
			refusals = append(refusals, fmt.Sprintf("%s: %s: %v", at, prefix, err))
		}
	}

	oldFilters := collections.UseOldResourceFilters(spec)
	newFilters := len(spec.IncludedClusterScopedResources) > 0 || len(spec.ExcludedClusterScopedResources) > 0 ||
		len(spec.IncludedNamespaceScopedResources) > 0 || len(spec.ExcludedNamespaceScopedResources) > 0
	if oldFilters && newFilters {
		refusals = append(refusals, at+": old and new resource filters used together")
	}
	if oldFilters {
		add("resources", collections.ValidateIncludesExcludes(spec.IncludedResources, spec.ExcludedResources))
	} else {
		add("cluster-scoped resources", collections.ValidateScopedIncludesExcludes(spec.IncludedClusterScopedResources, spec.ExcludedClusterScopedResources))
		add("namespace-scoped resources", collections.ValidateScopedIncludesExcludes(spec.IncludedNamespaceScopedResources, spec.ExcludedNamespaceScopedResources))
	}
	includes := spec.IncludedNamespaces
	if len(includes) == 0 {
		includes = []string{"*"}
	}
	add("namespaces", collections.ValidateNamespaceIncludesExcludes(includes, spec.ExcludedNamespaces))

	if spec.OrLabelSelectors != nil && spec.LabelSelector != nil {
		refusals = append(refusals, at+": labelSelector and orLabelSelectors both set")
	}
	selectors := map[string]*metav1.LabelSelector{"labelSelector": spec.LabelSelector}
	for i, s := range spec.OrLabelSelectors {
		selectors[fmt.Sprintf("orLabelSelectors[%d]", i)] = s
	}
	for i, hook := range spec.Hooks.Resources {
		selectors[fmt.Sprintf("hooks.resources[%d].labelSelector", i)] = hook.LabelSelector
	}
	for _, name := range sortedKeys(selectors) {
		if selectors[name] == nil {
			continue
		}
		if _, err := metav1.LabelSelectorAsSelector(selectors[name]); err != nil {
			refusals = append(refusals, fmt.Sprintf("%s.%s: %v", at, name, err))
		}
	}
	for _, err := range metav1validation.ValidateLabels(spec.Metadata.Labels, field.NewPath(at, "metadata", "labels")) {
		refusals = append(refusals, "backup labels: "+err.Error())
	}
	if key := spec.VolumeGroupSnapshotLabelKey; key != "" {
		for _, msg := range validation.IsQualifiedName(key) {
			refusals = append(refusals, at+".volumeGroupSnapshotLabelKey: "+msg)
		}
	}

	// Locations and the policy ConfigMap are looked up by name; a name no
	// object can have is never found, and the backup fails validation.
	names := map[string]string{"storageLocation": spec.StorageLocation}
	for i, name := range spec.VolumeSnapshotLocations {
		names[fmt.Sprintf("volumeSnapshotLocations[%d]", i)] = name
	}
	if spec.ResourcePolicy != nil && strings.EqualFold(spec.ResourcePolicy.Kind, "configmap") {
		names["resourcePolicy.name"] = spec.ResourcePolicy.Name
	}
	for _, field := range sortedKeys(names) {
		if field == "storageLocation" && names[field] == "" {
			continue // the server's default location
		}
		for _, msg := range validation.IsDNS1123Subdomain(names[field]) {
			refusals = append(refusals, fmt.Sprintf("%s.%s: no object can be named %q: %s", at, field, names[field], msg))
		}
	}
	return refusals
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
