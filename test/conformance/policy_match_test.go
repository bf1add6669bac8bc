package conformance

import (
	"testing"

	"github.com/sirupsen/logrus"
	corev1api "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/vmware-tanzu/velero/internal/resourcepolicies"
	velerov1api "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
)

// The library's deliberate refusals and its shadowing check rest on how
// Velero v1.18.1 matches volumes; these cases measure those claims with
// Velero's own matcher (GetMatchAction), not with our reading of it.

func loadPolicies(t *testing.T, document string) *resourcepolicies.Policies {
	t.Helper()
	scheme := runtime.NewScheme()
	if err := corev1api.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	cm := &corev1api.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: "velero", Name: "p"}, Data: map[string]string{"policy.yaml": document}}
	client := fake.NewClientBuilder().WithScheme(scheme).WithObjects(cm).Build()
	backup := velerov1api.Backup{ObjectMeta: metav1.ObjectMeta{Namespace: "velero", Name: "b"}}
	backup.Spec.ResourcePolicy = &corev1api.TypedLocalObjectReference{Kind: "configmap", Name: "p"}
	logger := logrus.New()
	logger.SetLevel(logrus.PanicLevel)
	policies, err := resourcepolicies.GetResourcePoliciesFromBackup(backup, client, logger)
	if err != nil {
		t.Fatalf("%s: Velero refuses it: %v", document, err)
	}
	return policies
}

func persistentVolume(size string, source corev1api.PersistentVolumeSource) *corev1api.PersistentVolume {
	return &corev1api.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{Name: "pv"},
		Spec: corev1api.PersistentVolumeSpec{
			Capacity:               corev1api.ResourceList{corev1api.ResourceStorage: resource.MustParse(size)},
			PersistentVolumeSource: source,
			StorageClassName:       "standard",
		},
	}
}

var csiSource = corev1api.PersistentVolumeSource{CSI: &corev1api.CSIPersistentVolumeSource{Driver: "d", VolumeHandle: "h"}}

// actionFor is the action type Velero picks for the volume, or "" when no policy matches.
func actionFor(t *testing.T, policies *resourcepolicies.Policies, data resourcepolicies.VolumeFilterData) string {
	t.Helper()
	action, err := policies.GetMatchAction(data)
	if err != nil {
		t.Fatal(err)
	}
	if action == nil {
		return ""
	}
	return string(action.Type)
}

func TestPolicyMatchClaims(t *testing.T) {
	checked := 0
	expect := func(what string, got, want string) {
		t.Helper()
		checked++
		if got != want {
			t.Errorf("%s: Velero picks %q, the library assumes %q", what, got, want)
		}
	}
	sizes := []string{"1", "1Mi", "1Gi", "10Gi", "100Gi", "1Ti"}

	// A zero bound is no bound: ",", "0,0", ",0" match every size.
	for _, capacity := range []string{",", "0,0", ",0", "0Gi,0", ""} {
		policies := loadPolicies(t, `{"version": "v1", "volumePolicies": [{"conditions": {"capacity": "`+capacity+`"}, "action": {"type": "skip"}}]}`)
		for _, size := range sizes {
			expect("capacity "+capacity+" on "+size, actionFor(t, policies, resourcepolicies.NewVolumeFilterData(persistentVolume(size, csiSource), nil, nil)), "skip")
		}
	}

	// "10Gi,0" is 10Gi or more, not a range ending at zero.
	policies := loadPolicies(t, `{"version": "v1", "volumePolicies": [{"conditions": {"capacity": "10Gi,0"}, "action": {"type": "skip"}}]}`)
	for size, want := range map[string]string{"1Gi": "", "10Gi": "skip", "1Ti": "skip"} {
		expect("capacity 10Gi,0 on "+size, actionFor(t, policies, resourcepolicies.NewVolumeFilterData(persistentVolume(size, csiSource), nil, nil)), want)
	}

	// A "," catch-all after ",10Gi" is reached by the larger volumes.
	policies = loadPolicies(t, `{"version": "v1", "volumePolicies": [{"conditions": {"capacity": ",10Gi"}, "action": {"type": "skip"}}, {"conditions": {"capacity": ","}, "action": {"type": "snapshot"}}]}`)
	expect("catch-all after ,10Gi on 1Gi", actionFor(t, policies, resourcepolicies.NewVolumeFilterData(persistentVolume("1Gi", csiSource), nil, nil)), "skip")
	expect("catch-all after ,10Gi on 100Gi", actionFor(t, policies, resourcepolicies.NewVolumeFilterData(persistentVolume("100Gi", csiSource), nil, nil)), "snapshot")

	// An empty list or map is no condition: it matches every volume.
	for _, condition := range []string{`"storageClass": []`, `"volumeTypes": []`, `"pvcPhase": []`, `"pvcLabels": {}`} {
		policies := loadPolicies(t, `{"version": "v1", "volumePolicies": [{"conditions": {`+condition+`}, "action": {"type": "skip"}}]}`)
		expect(condition, actionFor(t, policies, resourcepolicies.NewVolumeFilterData(persistentVolume("1Gi", csiSource), nil, nil)), "skip")
	}

	// awsAzureDisk is never reported: not for an Azure disk, nor an AWS disk, as a PV or a pod volume.
	policies = loadPolicies(t, `{"version": "v1", "volumePolicies": [{"conditions": {"volumeTypes": ["awsAzureDisk"]}, "action": {"type": "skip"}}]}`)
	azure := &corev1api.AzureDiskVolumeSource{DiskName: "d", DataDiskURI: "u"}
	aws := &corev1api.AWSElasticBlockStoreVolumeSource{VolumeID: "v"}
	for what, data := range map[string]resourcepolicies.VolumeFilterData{
		"an Azure disk PV":         resourcepolicies.NewVolumeFilterData(persistentVolume("1Gi", corev1api.PersistentVolumeSource{AzureDisk: azure}), nil, nil),
		"an AWS disk PV":           resourcepolicies.NewVolumeFilterData(persistentVolume("1Gi", corev1api.PersistentVolumeSource{AWSElasticBlockStore: aws}), nil, nil),
		"an Azure disk pod volume": resourcepolicies.NewVolumeFilterData(nil, &corev1api.Volume{Name: "v", VolumeSource: corev1api.VolumeSource{AzureDisk: azure}}, nil),
		"an AWS disk pod volume":   resourcepolicies.NewVolumeFilterData(nil, &corev1api.Volume{Name: "v", VolumeSource: corev1api.VolumeSource{AWSElasticBlockStore: aws}}, nil),
	} {
		expect("awsAzureDisk on "+what, actionFor(t, policies, data), "")
	}
	policies = loadPolicies(t, `{"version": "v1", "volumePolicies": [{"conditions": {"volumeTypes": ["azureDisk"]}, "action": {"type": "skip"}}]}`)
	expect("azureDisk on an Azure disk PV", actionFor(t, policies, resourcepolicies.NewVolumeFilterData(persistentVolume("1Gi", corev1api.PersistentVolumeSource{AzureDisk: azure}), nil, nil)), "skip")

	t.Logf("policy matching: %d claims checked with Velero's matcher", checked)
}
