package conformance

import (
	"fmt"
	"strings"

	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
)

// What Velero v1.18.1 refuses in a location from the spec alone.
//
// BackupStorageLocation: the BSL controller
// (pkg/controller/backup_storage_location_controller.go, Reconcile) marks a
// location Unavailable when
//   - BackupStorageLocation.Validate (pkg/apis/velero/v1/backupstoragelocation_types.go)
//     fails: objectStorage.caCert and objectStorage.caCertRef both set;
//   - the backup store getter (pkg/persistence/object_store.go,
//     objectBackupStoreGetter.Get) fails: no objectStorage; an empty provider;
//     a bucket that, with leading and trailing slashes trimmed, still holds a
//     '/'; a credential or caCertRef Secret key that cannot be read
//     (pkg/util/kube/secrets.go, GetSecretKey: `optional` is not honoured);
//     a provider no plugin serves (pkg/plugin/clientmgmt/manager.go).
// The CRD requires spec.provider, spec.objectStorage, objectStorage.bucket
// and the key of spec.credential and objectStorage.caCertRef; it does not
// refuse empty strings. An empty bucket is not refused by Velero itself (the
// object-store plugin gets bucket "").
//
// VolumeSnapshotLocation: no controller validates it. A backup that uses it
// resolves the credential (internal/volume/snapshotlocation.go,
// UpdateVolumeSnapshotLocationWithCredentialConfig, same Secret lookup) and
// the provider's VolumeSnapshotter plugin. The CRD requires spec.provider.

func backupStorageLocationRefusals(bsl *velerov1.BackupStorageLocation) []string {
	var refusals []string
	if err := bsl.Validate(); err != nil {
		refusals = append(refusals, "spec: "+err.Error())
	}
	spec := bsl.Spec
	if spec.ObjectStorage == nil {
		refusals = append(refusals, "spec: backup storage location does not use object storage")
	} else {
		bucket := strings.Trim(spec.ObjectStorage.Bucket, "/")
		if strings.Contains(bucket, "/") {
			refusals = append(refusals, fmt.Sprintf("spec.objectStorage.bucket: backup storage location's bucket name %q must not contain a '/' (if using a prefix, put it in the 'Prefix' field instead)", spec.ObjectStorage.Bucket))
		}
		refusals = append(refusals, secretKeyRefusals(spec.ObjectStorage.CACertRef, "spec.objectStorage.caCertRef")...)
	}
	if spec.Provider == "" {
		refusals = append(refusals, "spec.provider: object storage provider name must not be empty")
	} else {
		refusals = append(refusals, providerRefusals(spec.Provider)...)
	}
	refusals = append(refusals, secretKeyRefusals(spec.Credential, "spec.credential")...)
	return refusals
}

func volumeSnapshotLocationRefusals(vsl *velerov1.VolumeSnapshotLocation) []string {
	var refusals []string
	refusals = append(refusals, providerRefusals(vsl.Spec.Provider)...)
	refusals = append(refusals, secretKeyRefusals(vsl.Spec.Credential, "spec.credential")...)
	return refusals
}

// providerRefusals refuses a provider no plugin can be registered under.
// Velero's plugin manager prefixes a name without '/' with "velero.io/"
// (pkg/plugin/clientmgmt/manager.go, sanitizeName), and a plugin registers
// only under a name that passes common.ValidatePluginName
// (pkg/plugin/framework/common/server_mux.go): exactly two '/'-separated,
// non-empty parts, the first a DNS-1123 subdomain. That package drags in
// gRPC, so the rule is restated here.
func providerRefusals(provider string) []string {
	name := provider
	if !strings.Contains(name, "/") {
		name = "velero.io/" + name
	}
	parts := strings.Split(name, "/")
	if len(parts) != 2 {
		return []string{fmt.Sprintf("spec.provider: no plugin can be named %q: plugin name must have exactly two parts separated by a `/`", name)}
	}
	if parts[0] == "" || parts[1] == "" {
		return []string{fmt.Sprintf("spec.provider: no plugin can be named %q: both parts of the plugin name must be non-empty", name)}
	}
	var refusals []string
	for _, msg := range validation.IsDNS1123Subdomain(parts[0]) {
		refusals = append(refusals, fmt.Sprintf("spec.provider: no plugin can be named %q: first part of the plugin name must be a valid DNS subdomain: %s", name, msg))
	}
	return refusals
}

// secretKeyRefusals refuses a Secret key selector no Secret can satisfy:
// Velero reads Secret <name> in its namespace and its data key <key>
// (pkg/util/kube/secrets.go, GetSecretKey), whatever `optional` says.
func secretKeyRefusals(selector *corev1.SecretKeySelector, at string) []string {
	if selector == nil {
		return nil
	}
	var refusals []string
	for _, msg := range validation.IsDNS1123Subdomain(selector.Name) {
		refusals = append(refusals, fmt.Sprintf("%s.name: no Secret can be named %q: %s", at, selector.Name, msg))
	}
	for _, msg := range validation.IsConfigMapKey(selector.Key) {
		refusals = append(refusals, fmt.Sprintf("%s.key: no Secret can hold the key %q: %s", at, selector.Key, msg))
	}
	return refusals
}
