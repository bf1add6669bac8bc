package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusCase mirrors test/conformance-case.ts.
type corpusCase struct {
	ID       string            `json:"id"`
	Source   string            `json:"source"`
	Ours     string            `json:"ours"`
	Entry    string            `json:"entry"`
	Problems []string          `json:"problems"`
	Objects  []json.RawMessage `json:"objects"`
}

func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	path := filepath.Join("testdata", "corpus.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: write it first with `npx projen conformance` (or the write-corpus step of it)", err)
	}
	var corpus struct {
		Cases []corpusCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(corpus.Cases) == 0 {
		t.Fatalf("%s holds no cases", path)
	}
	return corpus.Cases
}

// TestDifferential checks that our synth-time verdict equals Velero's on every
// case: valid where Velero and the API server take every object whole, invalid
// where they refuse one. Cases we refuse on purpose (README: deliberate
// differences) must be ones Velero takes; props errors have no manifest at
// fault and are only counted.
func TestDifferential(t *testing.T) {
	judges, err := NewJudges()
	if err != nil {
		t.Fatal(err)
	}
	cases := loadCorpus(t)
	counts := map[string]int{}
	disagreements := 0
	for _, c := range cases {
		var refusals []string
		for _, object := range c.Objects {
			refusals = append(refusals, judges.Refusals(object)...)
		}
		veleroValid := len(refusals) == 0
		counts[fmt.Sprintf("ours %s, Velero %s", c.Ours, map[bool]string{true: "valid", false: "invalid"}[veleroValid])]++
		var agree bool
		switch c.Ours {
		case "valid", "deliberate":
			agree = veleroValid
		case "invalid":
			agree = !veleroValid
		case "props":
			agree = true
		default:
			t.Fatalf("%s: unknown verdict %q", c.ID, c.Ours)
		}
		// The entry point of VeleroValidation (the cdk8s CLI plugin's) judges the objects alone.
		counts[fmt.Sprintf("entry point %s, Velero %s", c.Entry, map[bool]string{true: "valid", false: "invalid"}[veleroValid])]++
		switch c.Entry {
		case "valid", "deliberate":
			agree = agree && veleroValid
		case "invalid":
			agree = agree && !veleroValid
		default:
			t.Fatalf("%s: unknown entry-point verdict %q", c.ID, c.Entry)
		}
		if !agree {
			disagreements++
			objects, _ := json.Marshal(c.Objects)
			t.Errorf("disagreement on %s (%s)\n  ours: %s, entry point: %s, %s\n  Velero: %s\n  objects: %s",
				c.ID, c.Source, c.Ours, c.Entry, strings.Join(c.Problems, " | "), strings.Join(refusals, " | "), objects)
		}
	}
	t.Logf("%d cases, %d disagreements", len(cases), disagreements)
	for _, key := range sortedKeys(counts) {
		t.Logf("  %s: %d", key, counts[key])
	}
}

// TestJudgesCanRefuse pins that each judge refuses what it should, so that an
// agreement above cannot come from judges that take everything.
func TestJudgesCanRefuse(t *testing.T) {
	judges, err := NewJudges()
	if err != nil {
		t.Fatal(err)
	}
	for name, object := range map[string]string{
		"pruned field":      `{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b","namespace":"v"},"spec":{"includedNamespace":["*"]}}`,
		"schema type":       `{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b","namespace":"v"},"spec":{"includeClusterResources":"yes"}}`,
		"bad duration":      `{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b","namespace":"v"},"spec":{"ttl":"30d"}}`,
		"bad name":          `{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"B_","namespace":"v"},"spec":{}}`,
		"wildcard exclude":  `{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b","namespace":"v"},"spec":{"excludedNamespaces":["*"]}}`,
		"mixed filters":     `{"apiVersion":"velero.io/v1","kind":"Backup","metadata":{"name":"b","namespace":"v"},"spec":{"includedResources":["a"],"includedClusterScopedResources":["b"]}}`,
		"bad cron":          `{"apiVersion":"velero.io/v1","kind":"Schedule","metadata":{"name":"s","namespace":"v"},"spec":{"schedule":"* * * * 7","template":{}}}`,
		"zone without cron": `{"apiVersion":"velero.io/v1","kind":"Schedule","metadata":{"name":"s","namespace":"v"},"spec":{"schedule":"CRON_TZ=UTC","template":{}}}`,
	} {
		if refusals := judges.Refusals(json.RawMessage(object)); len(refusals) == 0 {
			t.Errorf("%s: not refused: %s", name, object)
		}
	}
	ok := `{"apiVersion":"velero.io/v1","kind":"Schedule","metadata":{"name":"s","namespace":"v"},"spec":{"schedule":"CRON_TZ=Europe/Berlin 0 1 * * *","template":{"ttl":"24h0m0s","includedNamespaces":["*"]}}}`
	if refusals := judges.Refusals(json.RawMessage(ok)); len(refusals) > 0 {
		t.Errorf("a valid Schedule was refused: %v", refusals)
	}
}
