package conformance

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
	corev1api "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/vmware-tanzu/velero/internal/resourcepolicies"
	velerov1api "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	"github.com/vmware-tanzu/velero/pkg/util/collections"
)

// policyCase mirrors an entry of testdata/policies.json (write-policy-corpus.ts).
type policyCase struct {
	Name string            `json:"name"`
	Data map[string]string `json:"data"`
	Spec json.RawMessage   `json:"spec"`
	Ours struct {
		Refused    bool     `json:"refused"`
		Deliberate bool     `json:"deliberate"`
		Problems   []string `json:"problems"`
	} `json:"ours"`
}

func isConfigMap(raw json.RawMessage) bool {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	return json.Unmarshal(raw, &head) == nil && head.APIVersion == "v1" && head.Kind == "ConfigMap"
}

// casePolicyRefusals: for each Backup (and each Schedule's template, which
// becomes a Backup) among the objects that names a ConfigMap among them,
// Velero's refusal of its resource policy, if any.
func casePolicyRefusals(t *testing.T, objects []json.RawMessage) []string {
	configMaps := map[string]map[string]string{}
	for _, raw := range objects {
		if !isConfigMap(raw) {
			continue
		}
		var cm corev1api.ConfigMap
		if err := json.Unmarshal(raw, &cm); err != nil {
			return []string{"ConfigMap: " + err.Error()}
		}
		configMaps[cm.Namespace+"/"+cm.Name] = cm.Data
	}
	var refusals []string
	for _, raw := range objects {
		var object struct {
			Kind     string            `json:"kind"`
			Metadata metav1.ObjectMeta `json:"metadata"`
			Spec     json.RawMessage   `json:"spec"`
		}
		if isConfigMap(raw) || json.Unmarshal(raw, &object) != nil {
			continue
		}
		spec := object.Spec
		if object.Kind == "Schedule" {
			var schedule struct {
				Template json.RawMessage `json:"template"`
			}
			if json.Unmarshal(object.Spec, &schedule) != nil {
				continue
			}
			spec = schedule.Template
		} else if object.Kind != "Backup" {
			continue
		}
		var ref struct {
			ResourcePolicy *corev1api.TypedLocalObjectReference `json:"resourcePolicy"`
		}
		if json.Unmarshal(spec, &ref) != nil || ref.ResourcePolicy == nil || !strings.EqualFold(ref.ResourcePolicy.Kind, "configmap") {
			continue
		}
		data, ok := configMaps[object.Metadata.Namespace+"/"+ref.ResourcePolicy.Name]
		if !ok {
			continue
		}
		if refusal := veleroRefusal(t, policyCase{Name: object.Metadata.Name, Data: data, Spec: spec}); refusal != "" {
			refusals = append(refusals, "resource policy: "+refusal)
		}
	}
	return refusals
}

// veleroRefusal is what Velero v1.18.1's backup controller adds to a Backup's
// validation errors for its resource policy (prepareBackupRequest): the
// ConfigMap loaded and validated by internal/resourcepolicies, then the
// include/exclude policy beside the old-style resource filters.
func veleroRefusal(t *testing.T, c policyCase) string {
	scheme := runtime.NewScheme()
	if err := corev1api.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	cm := &corev1api.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: "velero", Name: "p"}, Data: c.Data}
	client := fake.NewClientBuilder().WithScheme(scheme).WithObjects(cm).Build()
	backup := velerov1api.Backup{ObjectMeta: metav1.ObjectMeta{Namespace: "velero", Name: "b"}}
	if len(c.Spec) > 0 && string(c.Spec) != "null" {
		if err := json.Unmarshal(c.Spec, &backup.Spec); err != nil {
			t.Fatalf("%s: spec: %v", c.Name, err)
		}
	}
	backup.Spec.ResourcePolicy = &corev1api.TypedLocalObjectReference{Kind: "configmap", Name: "p"}
	logger := logrus.New()
	logger.SetLevel(logrus.PanicLevel)
	policies, err := resourcepolicies.GetResourcePoliciesFromBackup(backup, client, logger)
	if err != nil {
		return err.Error()
	}
	if policies != nil && policies.GetIncludeExcludePolicy() != nil && collections.UseOldResourceFilters(backup.Spec) {
		return "include-exclude policy with old filters"
	}
	return ""
}

func TestResourcePolicies(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "policies.json"))
	if err != nil {
		t.Fatalf("run `ts-node --swc test/conformance/write-policy-corpus.ts` first: %v", err)
	}
	var cases []policyCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Fatalf("only %d cases in testdata/policies.json", len(cases))
	}
	valid, invalid, deliberate, disagreements := 0, 0, 0, 0
	for _, c := range cases {
		refusal := veleroRefusal(t, c)
		veleroRefuses := refusal != ""
		if veleroRefuses {
			invalid++
		} else {
			valid++
		}
		if c.Ours.Deliberate && !veleroRefuses {
			deliberate++
		}
		if veleroRefuses != c.Ours.Refused {
			disagreements++
			t.Errorf("%s: Velero refuses=%v (%s); we refuse=%v %v", c.Name, veleroRefuses, refusal, c.Ours.Refused, c.Ours.Problems)
		}
	}
	t.Logf("resource policies: %d cases, Velero accepts %d (of which we refuse %d deliberately) and refuses %d; %d disagreements",
		len(cases), valid, deliberate, invalid, disagreements)
}
