package conformance

// Restore resource modifiers, judged by Velero v1.18.1's own code: the
// loader and validator the restore controller runs before a Restore starts
// (a refusal there ends it FailedValidation), and ApplyResourceModifierRules,
// which the restore runs on each object (an error there ends it
// PartiallyFailed). Cases: testdata/modifiers.json, written by
// write-modifier-corpus.ts with the library's verdicts.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/gobwas/glob"
	"github.com/sirupsen/logrus"
	"github.com/vmware-tanzu/velero/internal/resourcemodifiers"
	corev1api "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/yaml"
)

type modifierCase struct {
	Name             string            `json:"name"`
	Text             string            `json:"text"`
	NamespaceMapping map[string]string `json:"namespaceMapping"`
	Object           json.RawMessage   `json:"object"`
	GroupResource    string            `json:"groupResource"`
	Expect           string            `json:"expect"`
	Ours             struct {
		Velero     []string `json:"velero"`
		Deliberate []string `json:"deliberate"`
	} `json:"ours"`
}

type modifierCorpus struct {
	Cases   []modifierCase `json:"cases"`
	Regexes []struct {
		Pattern  string `json:"pattern"`
		Accepted bool   `json:"accepted"`
	} `json:"regexes"`
	Globs []struct {
		Pattern  string `json:"pattern"`
		Accepted bool   `json:"accepted"`
	} `json:"globs"`
	Values []struct {
		Written string `json:"written"`
		JSON    string `json:"json"`
	} `json:"values"`
	Numbers []struct {
		JSON string `json:"json"`
		Text string `json:"text"`
	} `json:"numbers"`
}

func loadModifierCorpus(t *testing.T) modifierCorpus {
	raw, err := os.ReadFile(filepath.Join("testdata", "modifiers.json"))
	if err != nil {
		t.Fatalf("read the corpus (run write-modifier-corpus.ts first): %v", err)
	}
	var corpus modifierCorpus
	if err := json.Unmarshal(raw, &corpus); err != nil {
		t.Fatalf("decode the corpus: %v", err)
	}
	return corpus
}

// veleroOutcome is what Velero does with the case: refuse it up front, or
// apply the rules to the sample object and fail, change nothing, write a
// field its kind does not have, or patch it.
func veleroOutcome(c modifierCase) (string, error) {
	cm := &corev1api.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Namespace: "kyma-backup", Name: "modifiers"},
		Data:       map[string]string{"resource-modifiers.json": c.Text},
	}
	modifiers, err := resourcemodifiers.GetResourceModifiersFromConfig(cm)
	if err == nil {
		err = modifiers.Validate()
	}
	if err != nil {
		return "FailedValidation", nil
	}
	if len(c.Object) == 0 {
		return "", fmt.Errorf("accepted up front, but the case has no sample object to apply the rules to")
	}
	obj := &unstructured.Unstructured{}
	if err := obj.UnmarshalJSON(c.Object); err != nil {
		return "", err
	}
	before := obj.DeepCopy()
	log := logrus.New()
	log.SetOutput(&bytes.Buffer{})
	if errs := modifiers.ApplyResourceModifierRules(obj, c.GroupResource, clientgoscheme.Scheme, log); len(errs) > 0 {
		return "PartiallyFailed", nil
	}
	if reflect.DeepEqual(before.Object, obj.Object) {
		return "NoChange", nil
	}
	if err := strictlyTyped(obj); err != nil {
		return "UnknownField", nil
	}
	return "Applied", nil
}

// strictlyTyped decodes the patched object into its Kubernetes type,
// refusing unknown fields, as the API server's strict field validation does.
func strictlyTyped(obj *unstructured.Unstructured) error {
	typed, err := clientgoscheme.Scheme.New(obj.GroupVersionKind())
	if err != nil {
		return nil // not a built-in kind: nothing to check against
	}
	raw, err := obj.MarshalJSON()
	if err != nil {
		return err
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	return decoder.Decode(typed.(runtime.Object))
}

func TestModifierCases(t *testing.T) {
	corpus := loadModifierCorpus(t)
	if len(corpus.Cases) < 40 {
		t.Fatalf("only %d modifier cases", len(corpus.Cases))
	}
	disagreements := 0
	counts := map[string]int{}
	for _, c := range corpus.Cases {
		outcome, err := veleroOutcome(c)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			disagreements++
			continue
		}
		counts[outcome]++
		ours := "Applied"
		if len(c.Ours.Velero) > 0 {
			ours = "FailedValidation"
		} else if len(c.Ours.Deliberate) > 0 {
			ours = "refused deliberately"
		}
		agree := outcome == c.Expect
		switch outcome {
		case "FailedValidation", "Applied":
			agree = agree && ours == outcome
		default:
			// Velero takes it up front and it goes wrong later: the library refuses it, deliberately.
			agree = agree && ours == "refused deliberately"
		}
		if !agree {
			disagreements++
			t.Errorf("%s: Velero %s, expected %s, ours %s %v %v", c.Name, outcome, c.Expect, ours, c.Ours.Velero, c.Ours.Deliberate)
		}
	}
	t.Logf("modifier cases: %d, outcomes %v, disagreements %d", len(corpus.Cases), counts, disagreements)
}

func TestModifierRegexes(t *testing.T) {
	corpus := loadModifierCorpus(t)
	disagreements, accepted := 0, 0
	for _, r := range corpus.Regexes {
		_, err := regexp.Compile(r.Pattern)
		if err == nil {
			accepted++
		}
		if (err == nil) != r.Accepted {
			disagreements++
			t.Errorf("regexp %q: Go %v, ours accepted=%v", r.Pattern, err, r.Accepted)
		}
	}
	t.Logf("regexes: %d (%d accepted by Go), disagreements %d", len(corpus.Regexes), accepted, disagreements)
}

func TestModifierGlobs(t *testing.T) {
	corpus := loadModifierCorpus(t)
	for _, g := range corpus.Globs {
		_, err := glob.Compile(g.Pattern, '.')
		if (err == nil) != g.Accepted {
			t.Errorf("glob %q: gobwas %v, ours accepted=%v", g.Pattern, err, g.Accepted)
		}
	}
	t.Logf("globs: %d", len(corpus.Globs))
}

// TestModifierValues: a JSON value the library writes into a JSON Patch
// operation reads back, through Velero's own assembly of the operation, as
// that very value.
func TestModifierValues(t *testing.T) {
	corpus := loadModifierCorpus(t)
	for _, v := range corpus.Values {
		patch := resourcemodifiers.JSONPatch{Operation: "add", Path: "/x", Value: v.Written}
		var op struct {
			Value json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal([]byte(patch.ToString()), &op); err != nil {
			t.Errorf("value %q: Velero's operation does not parse: %v", v.Written, err)
			continue
		}
		var got, want interface{}
		_ = json.Unmarshal(op.Value, &got)
		_ = json.Unmarshal([]byte(v.JSON), &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("value written %q: Velero reads %s, meant %s", v.Written, strings.TrimSpace(string(op.Value)), v.JSON)
		}
	}
	t.Logf("values: %d", len(corpus.Values))
}

// TestModifierNumbers: a number in a text field of the document (`value: 0`)
// reads, through Velero's YAML decoding, as the text the library judges.
func TestModifierNumbers(t *testing.T) {
	corpus := loadModifierCorpus(t)
	disagreements := 0
	for _, n := range corpus.Numbers {
		var patch resourcemodifiers.JSONPatch
		if err := yaml.UnmarshalStrict([]byte(`{"operation": "add", "path": "/x", "value": `+n.JSON+`}`), &patch); err != nil {
			t.Errorf("number %s: %v", n.JSON, err)
			continue
		}
		if patch.Value != n.Text {
			disagreements++
			t.Errorf("number %s: Velero reads %q, ours %q", n.JSON, patch.Value, n.Text)
		}
	}
	t.Logf("numbers: %d, disagreements %d", len(corpus.Numbers), disagreements)
}
