package conformance

import (
	"encoding/json"
	"fmt"
	"strings"

	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/util/collections"
	restoreutil "github.com/vmware-tanzu/velero/pkg/util/velero/restore"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
)

// nonRestorableResources is the list Velero v1.18.1 keeps unexported as
// nonRestorableResources in pkg/controller/restore_controller.go: resources a
// restore may never include. The restore controller appends each of them to
// spec.excludedResources (unless already there) and refuses a restore whose
// spec.includedResources names one (exact, case-sensitive match).
var nonRestorableResources = []string{
	"nodes",
	"events",
	"events.events.k8s.io",
	"backups.velero.io",
	"restores.velero.io",
	"resticrepositories.velero.io",
	"csinodes.storage.k8s.io",
	"volumeattachments.storage.k8s.io",
	"backuprepositories.velero.io",
}

// restoreSpecRefusals applies the checks Velero v1.18.1's restore controller
// makes from the spec alone (pkg/controller/restore_controller.go,
// restoreReconciler.validateAndComplete, each failure a status.validationErrors
// entry and phase FailedValidation), in its order, with Velero's exported
// helpers where they exist, plus what fails every restore later from the
// spec alone: label selectors Kubernetes cannot parse (pkg/restore/restore.go,
// kubernetesRestorer.RestoreWithResolvers returns at once with an error) and
// names no object can have (the backup, the schedule's backups, the resource
// modifier ConfigMap are looked up by them and never found).
func restoreSpecRefusals(restore *velerov1.Restore) []string {
	spec := restore.Spec
	var refusals []string
	add := func(format string, args ...interface{}) {
		refusals = append(refusals, "spec: "+fmt.Sprintf(format, args...))
	}

	// The controller first appends the non-restorable resources to the
	// excludes, so an included one is refused twice (here, and below as an
	// exclude that is also included).
	excludedResources := append([]string(nil), spec.ExcludedResources...)
	for _, resource := range nonRestorableResources {
		if !contains(excludedResources, resource) {
			excludedResources = append(excludedResources, resource)
		}
	}
	for _, resource := range nonRestorableResources {
		if contains(spec.IncludedResources, resource) {
			add("includedResources: %v are non-restorable resources", resource)
		}
	}
	for _, err := range collections.ValidateIncludesExcludes(spec.IncludedResources, excludedResources) {
		add("Invalid included/excluded resource lists: %v", err)
	}
	// Namespaces: the plain check, not ValidateNamespaceIncludesExcludes, and
	// no defaulting of an empty include list (which means every namespace).
	for _, err := range collections.ValidateIncludesExcludes(spec.IncludedNamespaces, spec.ExcludedNamespaces) {
		add("Invalid included/excluded namespace lists: %v", err)
	}
	if spec.OrLabelSelectors != nil && spec.LabelSelector != nil {
		add("encountered labelSelector as well as orLabelSelectors in restore spec, only one can be specified")
	}
	if (spec.BackupName == "") == (spec.ScheduleName == "") {
		add("Either a backup or schedule must be specified as a source for the restore, but not both")
	}

	// hook.GetRestoreHooksFromSpec (internal/hook/item_hook_handler.go) parses
	// each hook's label selector; hook.ValidateContainer decodes each init
	// container with encoding/json into a core/v1 Container and wants a
	// name, an image and a command.
	for i, resource := range spec.Hooks.Resources {
		if resource.LabelSelector != nil {
			if _, err := metav1.LabelSelectorAsSelector(resource.LabelSelector); err != nil {
				add("hooks.resources[%d].labelSelector: %v", i, err)
			}
		}
		for j, hook := range resource.PostHooks {
			if hook.Init == nil {
				continue
			}
			for k, raw := range hook.Init.InitContainers {
				if err := initContainerRefusal(raw.Raw); err != "" {
					add("hooks.resources[%d].postHooks[%d].init.initContainers[%d]: %s", i, j, k, err)
				}
			}
		}
	}

	if policy := string(spec.ExistingResourcePolicy); policy != "" && !restoreutil.IsResourcePolicyValid(policy) {
		add("Invalid ExistingResourcePolicy: %s", policy)
	}

	// The restorer turns a nil selector into "everything" and parses the rest;
	// an error ends the restore before it restores anything.
	if spec.LabelSelector != nil {
		if _, err := metav1.LabelSelectorAsSelector(spec.LabelSelector); err != nil {
			add("labelSelector: %v", err)
		}
	}
	for i, selector := range spec.OrLabelSelectors {
		if _, err := metav1.LabelSelectorAsSelector(selector); err != nil {
			add("orLabelSelectors[%d]: %v", i, err)
		}
	}

	// Lookups by name that can never succeed: the backup by its name
	// ("Error retrieving backup"), the schedule's backups by the label
	// velero.io/schedule-name=<scheduleName> ("No backups found for
	// schedule"), the resource modifier ConfigMap when its kind is
	// "configmap" in any case ("failed to get resource modifiers configmap";
	// other kinds are ignored).
	if spec.BackupName != "" {
		for _, msg := range validation.IsDNS1123Subdomain(spec.BackupName) {
			add("backupName: no Backup can be named %q: %s", spec.BackupName, msg)
		}
	}
	if spec.ScheduleName != "" {
		for _, msg := range validation.IsValidLabelValue(spec.ScheduleName) {
			add("scheduleName: no Backup can carry the label velero.io/schedule-name=%q: %s", spec.ScheduleName, msg)
		}
	}
	if spec.ResourceModifier != nil && strings.EqualFold(spec.ResourceModifier.Kind, "configmap") {
		for _, msg := range validation.IsDNS1123Subdomain(spec.ResourceModifier.Name) {
			add("resourceModifier.name: no ConfigMap can be named %q: %s", spec.ResourceModifier.Name, msg)
		}
	}
	return refusals
}

// initContainerRefusal mirrors what hook.ValidateContainer checks in Velero
// v1.18.1 (internal/hook/item_hook_handler.go): the raw JSON decodes with
// encoding/json (lenient: unknown fields ignored, keys matched without
// regard to case) into a core/v1 Container with a non-empty name, image and
// command.
func initContainerRefusal(raw []byte) string {
	var container corev1.Container
	if err := json.Unmarshal(raw, &container); err != nil {
		return err.Error()
	}
	if len(container.Command) == 0 || container.Name == "" || container.Image == "" {
		return "invalid InitContainer in restore hook, it doesn't have Command, Name or Image field"
	}
	return ""
}

func contains(list []string, item string) bool {
	for _, s := range list {
		if s == item {
			return true
		}
	}
	return false
}
