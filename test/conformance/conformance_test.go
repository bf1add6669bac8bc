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
// where they refuse one. Cases we refuse on purpose (docs/validation.md: deliberate
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
			if isConfigMap(object) {
				continue // a resource policy, judged with the Backups and Schedules that name it
			}
			refusals = append(refusals, judges.Refusals(object)...)
		}
		refusals = append(refusals, casePolicyRefusals(t, c.Objects)...)
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

		"restore from backup and schedule": `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","scheduleName":"s"}}`,
		"restore from nothing":             `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{}}`,
		"restore of nodes":                 `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","includedResources":["nodes"]}}`,
		"restore of backups":               `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","includedResources":["deployments","backups.velero.io"]}}`,
		"restore policy replace":           `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","existingResourcePolicy":"replace"}}`,
		"restore policy case":              `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","existingResourcePolicy":"Update"}}`,
		"restore wildcard exclude":         `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","excludedNamespaces":["*"]}}`,
		"restore star and more":            `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","includedNamespaces":["*","a"]}}`,
		"restore resource both lists":      `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","includedResources":["pods"],"excludedResources":["pods"]}}`,
		"restore both selectors":           `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","labelSelector":{"matchLabels":{"a":"b"}},"orLabelSelectors":[{"matchLabels":{"c":"d"}}]}}`,
		"restore bad selector":             `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","labelSelector":{"matchExpressions":[{"key":"a","operator":"In"}]}}}`,
		"restore bad hook selector":        `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","hooks":{"resources":[{"name":"h","labelSelector":{"matchLabels":{"a":"b c"}}}]}}}`,
		"restore init container no image":  `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","hooks":{"resources":[{"name":"h","postHooks":[{"init":{"initContainers":[{"name":"i","command":["sh"]}]}}]}]}}}`,
		"restore init container bad type":  `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","hooks":{"resources":[{"name":"h","postHooks":[{"init":{"initContainers":[{"name":"i","image":"x","command":"sh"}]}}]}]}}}`,
		"restore exec hook onError":        `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","hooks":{"resources":[{"name":"h","postHooks":[{"exec":{"command":["sh"],"onError":"Skip"}}]}]}}}`,
		"restore exec hook no command":     `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","hooks":{"resources":[{"name":"h","postHooks":[{"exec":{"command":[]}}]}]}}}`,
		"restore bad timeout":              `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","itemOperationTimeout":"1d"}}`,
		"restore unknown field":            `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","restorePv":true}}`,
		"restore bad backup name":          `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"Daily_Backup"}}`,
		"restore bad schedule name":        `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"scheduleName":"daily-"}}`,
		"restore bad modifier name":        `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","resourceModifier":{"kind":"ConfigMap","name":"Mods_1"}}}`,
		"restore modifier without name":    `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","resourceModifier":{"kind":"ConfigMap"}}}`,
		"bsl without bucket":               `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{}}}`,
		"bsl without object storage":       `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws"}}`,
		"bsl unknown field":                `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b"},"region":"eu-central-1"}}`,
		"bsl empty provider":               `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"","objectStorage":{"bucket":"b"}}}`,
		"bsl provider with two slashes":    `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"velero.io/aws/s3","objectStorage":{"bucket":"b"}}}`,
		"bsl bucket with prefix":           `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b/backups"}}}`,
		"bsl caCert and caCertRef":         `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b","caCert":"Zm9v","caCertRef":{"name":"ca","key":"ca.crt"}}}}`,
		"bsl caCert not base64":            `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b","caCert":"not base64!"}}}`,
		"bsl credential without key":       `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b"},"credential":{"name":"cloud"}}}`,
		"bsl credential without name":      `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b"},"credential":{"key":"cloud"}}}`,
		"bsl access mode":                  `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b"},"accessMode":"ReadOnlyMany"}}`,
		"bsl bad sync period":              `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b"},"backupSyncPeriod":"1d"}}`,
		"bsl bad name":                     `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"Default","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b"}}}`,
		"vsl without provider":             `{"apiVersion":"velero.io/v1","kind":"VolumeSnapshotLocation","metadata":{"name":"l","namespace":"v"},"spec":{"config":{"region":"eu-central-1"}}}`,
		"vsl unknown field":                `{"apiVersion":"velero.io/v1","kind":"VolumeSnapshotLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","region":"eu-central-1"}}`,
		"vsl config not strings":           `{"apiVersion":"velero.io/v1","kind":"VolumeSnapshotLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","config":{"retries":3}}}`,
		"vsl credential key":               `{"apiVersion":"velero.io/v1","kind":"VolumeSnapshotLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","credential":{"name":"cloud","key":"bad key"}}}`,
		"vsl empty provider":               `{"apiVersion":"velero.io/v1","kind":"VolumeSnapshotLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":""}}`,
		"unserved kind":                    `{"apiVersion":"velero.io/v1","kind":"PodVolumeRestore","metadata":{"name":"p","namespace":"v"},"spec":{}}`,
	} {
		refusals := judges.Refusals(json.RawMessage(object))
		if len(refusals) == 0 {
			t.Errorf("%s: not refused: %s", name, object)
		}
		t.Logf("%s: %s", name, strings.Join(refusals, " | "))
	}
	for name, object := range map[string]string{
		"schedule":                `{"apiVersion":"velero.io/v1","kind":"Schedule","metadata":{"name":"s","namespace":"v"},"spec":{"schedule":"CRON_TZ=Europe/Berlin 0 1 * * *","template":{"ttl":"24h0m0s","includedNamespaces":["*"]}}}`,
		"restore from schedule":   `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"scheduleName":"daily"}}`,
		"restore everything":      `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","includedNamespaces":["*"],"includedResources":["*"],"excludedResources":["nodes","storageclasses.storage.k8s.io"]}}`,
		"restore namespace globs": `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","includedNamespaces":["app-*","Not_A_Namespace","ns{a,b}","**"],"excludedNamespaces":["app-test"]}}`,
		"restore modifier kind":   `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","resourceModifier":{"kind":"Secret","name":"Not_Looked_Up"}}}`,
		"restore full": `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","existingResourcePolicy":"update","itemOperationTimeout":"4h0m0s",` +
			`"orLabelSelectors":[{"matchLabels":{"app":"a"}},{"matchExpressions":[{"key":"tier","operator":"In","values":["db"]}]}],"namespaceMapping":{"a":"b"},"restorePVs":true,` +
			`"restoreStatus":{"includedResources":["*"]},"preserveNodePorts":false,"includeClusterResources":null,"resourceModifier":{"kind":"configmap","name":"mods"},` +
			`"uploaderConfig":{"writeSparseFiles":true,"parallelFilesDownload":4},"hooks":{"resources":[{"name":"h","includedNamespaces":["a"],"labelSelector":{"matchLabels":{"app":"a"}},` +
			`"postHooks":[{"init":{"initContainers":[{"name":"restore-init","image":"busybox","command":["sh","-c","true"]}],"timeout":"5m"}},{"exec":{"command":["true"],"onError":"Fail","execTimeout":"1m","waitTimeout":"2m","waitForReady":true}}]}]}}}`,
		"restore policy none":     `{"apiVersion":"velero.io/v1","kind":"Restore","metadata":{"name":"r","namespace":"v"},"spec":{"backupName":"b","existingResourcePolicy":"none"}}`,
		"bsl":                     `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"default","namespace":"v"},"spec":{"provider":"velero.io/aws","default":true,"accessMode":"ReadWrite","objectStorage":{"bucket":"/backups/","prefix":"/kyma/","caCertRef":{"name":"ca","key":"ca.crt"}},"credential":{"name":"cloud-credentials","key":"cloud","optional":false},"config":{"region":"eu-central-1"},"backupSyncPeriod":"1m0s","validationFrequency":"0s"}}`,
		"bsl inline ca":           `{"apiVersion":"velero.io/v1","kind":"BackupStorageLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"aws","objectStorage":{"bucket":"b","caCert":"Zm9v"}}}`,
		"vsl":                     `{"apiVersion":"velero.io/v1","kind":"VolumeSnapshotLocation","metadata":{"name":"aws-default","namespace":"v"},"spec":{"provider":"aws","config":{"region":"eu-central-1"},"credential":{"name":"cloud-credentials","key":"cloud"}}}`,
		"vsl namespaced provider": `{"apiVersion":"velero.io/v1","kind":"VolumeSnapshotLocation","metadata":{"name":"l","namespace":"v"},"spec":{"provider":"example.com/disk"}}`,
	} {
		if refusals := judges.Refusals(json.RawMessage(object)); len(refusals) > 0 {
			t.Errorf("%s: refused: %v", name, refusals)
		}
	}
}
