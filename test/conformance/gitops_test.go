package conformance

// docs/gitops.md, checked with the code that reads it in a cluster: the Lua
// health check run by gopher-lua (the interpreter Argo CD embeds) on
// BackupStorageLocations built from Velero's Go type, the argocd-cm ConfigMap
// holding that same script, and the Flux Kustomizations decoded strictly into
// kustomize-controller's own API type, their CEL health checks evaluated as
// kustomize-controller evaluates them.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"

	kustomizev1 "github.com/fluxcd/kustomize-controller/api/v1"
	"github.com/google/cel-go/cel"
	celtypes "github.com/google/cel-go/common/types"
	"github.com/google/cel-go/ext"
	velerov1 "github.com/vmware-tanzu/velero/pkg/apis/velero/v1"
	lua "github.com/yuin/gopher-lua"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	sigsjson "sigs.k8s.io/json"
	sigsyaml "sigs.k8s.io/yaml"
)

const gitopsDoc = "../../docs/gitops.md"

// docBlock is one fenced code block of a Markdown document.
type docBlock struct {
	line int // 1-based line of the opening fence
	lang string
	code string
}

var fenceOpen = regexp.MustCompile("^```\\s*([^\\s`]*)\\s*$")

func readDocBlocks(t *testing.T, file string) []docBlock {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var blocks []docBlock
	for i := 0; i < len(lines); i++ {
		open := fenceOpen.FindStringSubmatch(lines[i])
		if open == nil {
			continue
		}
		var body []string
		j := i + 1
		for ; j < len(lines) && strings.TrimSpace(lines[j]) != "```"; j++ {
			body = append(body, lines[j])
		}
		if j == len(lines) {
			t.Fatalf("%s:%d: the code block is never closed", file, i+1)
		}
		blocks = append(blocks, docBlock{line: i + 1, lang: strings.ToLower(open[1]), code: strings.Join(body, "\n") + "\n"})
		i = j
	}
	return blocks
}

func blocksOf(blocks []docBlock, lang string) []docBlock {
	var out []docBlock
	for _, b := range blocks {
		if b.lang == lang {
			out = append(out, b)
		}
	}
	return out
}

// yamlDocuments splits a YAML block into its documents, as JSON.
func yamlDocuments(t *testing.T, b docBlock) [][]byte {
	t.Helper()
	reader := utilyaml.NewYAMLReader(bufio.NewReader(strings.NewReader(b.code)))
	var out [][]byte
	for {
		document, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s:%d: %v", gitopsDoc, b.line, err)
		}
		if len(bytes.TrimSpace(document)) == 0 {
			continue
		}
		// Duplicate keys refused.
		asJSON, err := sigsyaml.YAMLToJSONStrict(document)
		if err != nil {
			t.Fatalf("%s:%d: %v", gitopsDoc, b.line, err)
		}
		out = append(out, asJSON)
	}
}

// strictly decodes as the API server's strict field validation does: unknown,
// duplicate and case-insensitively matched fields refused.
func strictly(data []byte, into interface{}) error {
	strictErrs, err := sigsjson.UnmarshalStrict(data, into, sigsjson.DisallowUnknownFields)
	if err != nil {
		return err
	}
	return errors.Join(strictErrs...)
}

// ---- Argo CD: the Lua health check ----

// The health statuses Argo CD takes from a health script; any other is "Unknown".
var argoHealthStatuses = map[string]bool{
	"Healthy": true, "Progressing": true, "Degraded": true, "Suspended": true, "Missing": true, "Unknown": true,
}

// luaValue converts an unstructured value (what Argo CD holds of a live object)
// into a Lua value: objects and arrays become tables, numbers, strings and
// booleans their Lua kind, null nil.
func luaValue(l *lua.LState, value interface{}) lua.LValue {
	switch v := value.(type) {
	case nil:
		return lua.LNil
	case bool:
		return lua.LBool(v)
	case string:
		return lua.LString(v)
	case int64:
		return lua.LNumber(v)
	case int:
		return lua.LNumber(v)
	case float64:
		return lua.LNumber(v)
	case map[string]interface{}:
		table := l.NewTable()
		for key, item := range v {
			table.RawSetString(key, luaValue(l, item))
		}
		return table
	case []interface{}:
		table := l.NewTable()
		for _, item := range v {
			table.Append(luaValue(l, item))
		}
		return table
	default:
		panic(fmt.Sprintf("no Lua value for %T", value))
	}
}

type healthStatus struct {
	status, message string
}

// runHealthScript runs a health script as Argo CD runs one from argocd-cm:
// without the Lua standard libraries (no useOpenLibs key) but the base, table
// and package ones (Argo CD also opens a reduced os library of its own, left out
// here: the script uses none), a one-second limit, the object as the global obj; the
// script returns a table with status and an optional message.
func runHealthScript(script string, object map[string]interface{}) (healthStatus, error) {
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for name, open := range map[string]lua.LGFunction{lua.LoadLibName: lua.OpenPackage, lua.BaseLibName: lua.OpenBase, lua.TabLibName: lua.OpenTable} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(open), NRet: 0, Protect: true}, lua.LString(name)); err != nil {
			return healthStatus{}, err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("obj", luaValue(l, object))
	if err := l.DoString(script); err != nil {
		return healthStatus{}, err
	}
	table, ok := l.Get(-1).(*lua.LTable)
	if !ok {
		return healthStatus{}, fmt.Errorf("the script returns %s, not a table", l.Get(-1).Type())
	}
	var result healthStatus
	var problems []string
	table.ForEach(func(key, value lua.LValue) {
		switch key.String() {
		case "status":
			result.status = value.String()
		case "message":
			result.message = value.String()
		default:
			problems = append(problems, "the returned table has a field Argo CD does not read: "+key.String())
		}
		if value.Type() != lua.LTString {
			problems = append(problems, fmt.Sprintf("%s is a %s, not a string", key, value.Type()))
		}
	})
	if len(problems) > 0 {
		return result, errors.New(strings.Join(problems, "; "))
	}
	if !argoHealthStatuses[result.status] {
		return result, fmt.Errorf("status %q is none Argo CD knows (it would show Unknown)", result.status)
	}
	return result, nil
}

// liveLocation is a BackupStorageLocation as the API server holds it, in the
// unstructured form Argo CD converts to Lua.
func liveLocation(t *testing.T, status *velerov1.BackupStorageLocationStatus) map[string]interface{} {
	t.Helper()
	bsl := velerov1.BackupStorageLocation{
		TypeMeta:   metav1.TypeMeta{APIVersion: velerov1.SchemeGroupVersion.String(), Kind: "BackupStorageLocation"},
		ObjectMeta: metav1.ObjectMeta{Name: "default", Namespace: "kyma-backup", Generation: 1, Annotations: map[string]string{"argocd.argoproj.io/sync-wave": "-1"}},
		Spec: velerov1.BackupStorageLocationSpec{
			Provider:    "aws",
			StorageType: velerov1.StorageType{ObjectStorage: &velerov1.ObjectStorageLocation{Bucket: "kyma-backups"}},
			Config:      map[string]string{"region": "eu-central-1"},
			Credential:  &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "cloud-credentials"}, Key: "cloud"},
			AccessMode:  velerov1.BackupStorageLocationAccessModeReadWrite,
			Default:     true,
		},
	}
	if status != nil {
		bsl.Status = *status
	}
	object, err := runtime.DefaultUnstructuredConverter.ToUnstructured(&bsl)
	if err != nil {
		t.Fatal(err)
	}
	if status == nil {
		delete(object, "status")
	}
	return object
}

func theLuaScript(t *testing.T, blocks []docBlock) string {
	t.Helper()
	scripts := blocksOf(blocks, "lua")
	if len(scripts) != 1 {
		t.Fatalf("%s has %d lua blocks; the test expects the one health check", gitopsDoc, len(scripts))
	}
	return scripts[0].code
}

// TestArgoCDHealthCheck runs the lua block of docs/gitops.md on
// BackupStorageLocations in each phase.
func TestArgoCDHealthCheck(t *testing.T) {
	script := theLuaScript(t, readDocBlocks(t, gitopsDoc))
	validated := metav1.NewTime(time.Date(2026, 11, 28, 1, 0, 0, 0, time.UTC))
	cases := []struct {
		name   string
		status *velerov1.BackupStorageLocationStatus
		want   healthStatus
	}{
		{"no status (just applied)", nil,
			healthStatus{"Progressing", "Waiting for Velero to validate the BackupStorageLocation"}},
		{"a status without a phase", &velerov1.BackupStorageLocationStatus{LastSyncedTime: &validated},
			healthStatus{"Progressing", "Waiting for Velero to validate the BackupStorageLocation"}},
		{"Available", &velerov1.BackupStorageLocationStatus{Phase: velerov1.BackupStorageLocationPhaseAvailable, LastValidationTime: &validated},
			healthStatus{"Healthy", "BackupStorageLocation is Available"}},
		{"Unavailable, with Velero's message", &velerov1.BackupStorageLocationStatus{
			Phase: velerov1.BackupStorageLocationPhaseUnavailable, LastValidationTime: &validated,
			Message: "BackupStorageLocation \"default\" is unavailable: rpc error: code = Unknown desc = NoSuchBucket",
		}, healthStatus{"Degraded", "BackupStorageLocation \"default\" is unavailable: rpc error: code = Unknown desc = NoSuchBucket"}},
		{"Unavailable, no message", &velerov1.BackupStorageLocationStatus{Phase: velerov1.BackupStorageLocationPhaseUnavailable},
			healthStatus{"Degraded", "BackupStorageLocation is Unavailable"}},
		{"a phase Velero does not write", &velerov1.BackupStorageLocationStatus{Phase: "Pending"},
			healthStatus{"Progressing", "Waiting for Velero to validate the BackupStorageLocation"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := runHealthScript(script, liveLocation(t, c.status))
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}

	// The script is a health check, not a program: it must not need a library Argo CD leaves out.
	if _, err := runHealthScript("return { status = string.lower(\"Healthy\") }", liveLocation(t, nil)); err == nil {
		t.Error("the harness opens the string library, which Argo CD leaves out of an argocd-cm script")
	}
}

// TestArgoCDConfigMap checks that the argocd-cm ConfigMap of docs/gitops.md
// holds the tested script under the key Argo CD reads for velero.io's
// BackupStorageLocation.
func TestArgoCDConfigMap(t *testing.T) {
	blocks := readDocBlocks(t, gitopsDoc)
	script := theLuaScript(t, blocks)
	key := fmt.Sprintf("resource.customizations.health.%s_%s", velerov1.SchemeGroupVersion.Group, "BackupStorageLocation")
	found := 0
	for _, b := range blocksOf(blocks, "yaml") {
		for _, document := range yamlDocuments(t, b) {
			var head metav1.TypeMeta
			if err := json.Unmarshal(document, &head); err != nil {
				t.Fatal(err)
			}
			if head.Kind != "ConfigMap" {
				continue
			}
			var cm corev1.ConfigMap
			if err := strictly(document, &cm); err != nil {
				t.Fatalf("%s:%d: %v", gitopsDoc, b.line, err)
			}
			if cm.APIVersion != "v1" || cm.Name != "argocd-cm" {
				t.Errorf("%s:%d: a ConfigMap %s %s, not v1 argocd-cm", gitopsDoc, b.line, cm.APIVersion, cm.Name)
			}
			found++
			held, ok := cm.Data[key]
			if !ok {
				t.Fatalf("%s:%d: argocd-cm has no key %s", gitopsDoc, b.line, key)
			}
			if held != script {
				t.Errorf("%s:%d: argocd-cm's %s differs from the lua block\nConfigMap:\n%s\nlua block:\n%s", gitopsDoc, b.line, key, held, script)
			}
		}
	}
	if found != 1 {
		t.Fatalf("%s shows %d ConfigMaps; the test expects argocd-cm once", gitopsDoc, found)
	}
}

// ---- Flux: the Kustomizations ----

// celHealth evaluates a Kustomization's healthCheckExprs on an object as
// kustomize-controller does (RFC 0009): an observedGeneration behind the
// generation is InProgress; then inProgress, failed, current, the first true
// one decides; none true is InProgress. The expressions are parsed, not
// compiled, in the controller's CEL environment, with the object's top-level
// fields as variables. An expression that cannot be evaluated yields an error:
// the controller then reads no status and keeps polling until its timeout.
func celHealth(exprs kustomizev1.Kustomization, apiVersion, kind string, object map[string]interface{}) (string, error) {
	env, err := cel.NewEnv(
		cel.HomogeneousAggregateLiterals(),
		cel.EagerlyValidateDeclarations(true),
		cel.DefaultUTCTimeZone(true),
		cel.CrossTypeNumericComparisons(true),
		cel.OptionalTypes(),
		ext.Strings(),
		ext.Sets(),
		ext.Encoders(),
	)
	if err != nil {
		return "", err
	}
	for _, check := range exprs.Spec.HealthCheckExprs {
		if check.APIVersion != apiVersion || check.Kind != kind {
			continue
		}
		if status, ok := object["status"].(map[string]interface{}); ok {
			if observed, ok := status["observedGeneration"].(int64); ok {
				if generation, ok := object["metadata"].(map[string]interface{})["generation"].(int64); ok && generation != observed {
					return "InProgress", nil
				}
			}
		}
		for _, e := range []struct{ expr, status string }{{check.InProgress, "InProgress"}, {check.Failed, "Failed"}, {check.Current, "Current"}} {
			if e.expr == "" {
				continue
			}
			ast, issues := env.Parse(e.expr)
			if issues != nil && issues.Err() != nil {
				return "", fmt.Errorf("%q: %v", e.expr, issues.Err())
			}
			program, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize), cel.InterruptCheckFrequency(100))
			if err != nil {
				return "", err
			}
			value, _, err := program.Eval(object)
			if err != nil {
				return "", fmt.Errorf("%q: %w", e.expr, err)
			}
			result, ok := value.(celtypes.Bool)
			if !ok {
				return "", fmt.Errorf("%q is not a boolean", e.expr)
			}
			if result {
				return e.status, nil
			}
		}
		return "InProgress", nil
	}
	return "", fmt.Errorf("no healthCheckExprs entry for %s %s", apiVersion, kind)
}

// shellCopies maps each directory of the sh block of docs/gitops.md to the
// files it copies there from dist/.
func shellCopies(t *testing.T, blocks []docBlock) map[string][]string {
	t.Helper()
	copies := map[string][]string{}
	cp := regexp.MustCompile(`(?m)^cp dist/(\S+) (\S+?)/?$`)
	for _, b := range blocksOf(blocks, "sh") {
		for _, m := range cp.FindAllStringSubmatch(b.code, -1) {
			copies[path.Clean(m[2])] = append(copies[path.Clean(m[2])], m[1])
		}
	}
	return copies
}

// TestFluxKustomizations decodes the Kustomizations of docs/gitops.md
// strictly into kustomize-controller's v1 API type and checks their shape and
// health checks.
func TestFluxKustomizations(t *testing.T) {
	blocks := readDocBlocks(t, gitopsDoc)
	var kustomizations []kustomizev1.Kustomization
	for _, b := range blocksOf(blocks, "yaml") {
		for _, document := range yamlDocuments(t, b) {
			var head metav1.TypeMeta
			if err := json.Unmarshal(document, &head); err != nil {
				t.Fatal(err)
			}
			if head.Kind != kustomizev1.KustomizationKind {
				continue
			}
			if head.APIVersion != kustomizev1.GroupVersion.String() {
				t.Fatalf("%s:%d: a Kustomization of %s, not %s", gitopsDoc, b.line, head.APIVersion, kustomizev1.GroupVersion)
			}
			var ks kustomizev1.Kustomization
			if err := strictly(document, &ks); err != nil {
				t.Fatalf("%s:%d: %v", gitopsDoc, b.line, err)
			}
			kustomizations = append(kustomizations, ks)
		}
	}
	if len(kustomizations) != 2 {
		t.Fatalf("%s shows %d Kustomizations; the test expects two (locations, then backups)", gitopsDoc, len(kustomizations))
	}

	byName := map[string]kustomizev1.Kustomization{}
	for _, ks := range kustomizations {
		byName[ks.Name] = ks
		if ks.Name == "" || ks.Namespace == "" {
			t.Errorf("a Kustomization without name or namespace: %q/%q", ks.Namespace, ks.Name)
		}
		if ks.Spec.SourceRef.Kind == "" || ks.Spec.SourceRef.Name == "" {
			t.Errorf("%s: sourceRef needs kind and name, has %+v", ks.Name, ks.Spec.SourceRef)
		}
		if ks.Spec.Path == "" {
			t.Errorf("%s: no path", ks.Name)
		}
		// metav1.Duration parses with time.ParseDuration while decoding; zero is no interval.
		if ks.Spec.Interval.Duration <= 0 {
			t.Errorf("%s: interval %v", ks.Name, ks.Spec.Interval)
		}
		for name, d := range map[string]*metav1.Duration{"timeout": ks.Spec.Timeout, "retryInterval": ks.Spec.RetryInterval} {
			if d != nil && d.Duration <= 0 {
				t.Errorf("%s: %s %v", ks.Name, name, d.Duration)
			}
		}
	}

	// One depends on the other, which waits for its BackupStorageLocations.
	var locations, backups kustomizev1.Kustomization
	for _, ks := range kustomizations {
		if len(ks.Spec.DependsOn) > 0 {
			backups = ks
		} else {
			locations = ks
		}
	}
	if backups.Name == "" || locations.Name == "" {
		t.Fatalf("expected exactly one Kustomization with dependsOn")
	}
	if len(backups.Spec.DependsOn) != 1 {
		t.Fatalf("%s: dependsOn %+v, want the locations' Kustomization alone", backups.Name, backups.Spec.DependsOn)
	}
	dep := backups.Spec.DependsOn[0]
	namespace := dep.Namespace
	if namespace == "" {
		namespace = backups.Namespace
	}
	if target, ok := byName[dep.Name]; !ok || target.Name != locations.Name || target.Namespace != namespace {
		t.Errorf("%s: dependsOn %s/%s names no Kustomization of the page", backups.Name, namespace, dep.Name)
	}
	if len(locations.Spec.DependsOn) > 0 {
		t.Errorf("%s depends on %+v: a cycle", locations.Name, locations.Spec.DependsOn)
	}
	// healthCheckExprs are evaluated only with wait or healthChecks; dependsOn waits for Ready only then.
	if !locations.Spec.Wait && len(locations.Spec.HealthChecks) == 0 {
		t.Errorf("%s: neither wait nor healthChecks, so it is Ready as soon as it is applied", locations.Name)
	}
	if locations.Spec.Timeout == nil {
		t.Errorf("%s: no timeout; health checks would wait for the interval (%v)", locations.Name, locations.Spec.Interval.Duration)
	}

	// The paths are the directories the sh block fills: the locations apart from the Backups.
	copies := shellCopies(t, blocks)
	for ks, want := range map[string]string{locations.Name: "locations.k8s.yaml", backups.Name: "backup.k8s.yaml"} {
		dir := path.Clean(strings.TrimPrefix(byName[ks].Spec.Path, "./"))
		if files := copies[dir]; len(files) != 1 || files[0] != want {
			t.Errorf("%s: path %s holds %v (from the sh block), want only %s", ks, byName[ks].Spec.Path, files, want)
		}
	}

	// The CEL health checks, on a BackupStorageLocation in each phase.
	apiVersion, kind := velerov1.SchemeGroupVersion.String(), "BackupStorageLocation"
	phase := func(p velerov1.BackupStorageLocationPhase) *velerov1.BackupStorageLocationStatus {
		return &velerov1.BackupStorageLocationStatus{Phase: p}
	}
	for _, c := range []struct {
		name   string
		status *velerov1.BackupStorageLocationStatus
		want   string // "" for an expression that cannot be evaluated: no status read, polling goes on
	}{
		{"Available", phase(velerov1.BackupStorageLocationPhaseAvailable), "Current"},
		{"Unavailable", phase(velerov1.BackupStorageLocationPhaseUnavailable), "Failed"},
		{"a status without a phase", &velerov1.BackupStorageLocationStatus{}, ""},
		{"no status", nil, ""},
	} {
		t.Run("CEL "+c.name, func(t *testing.T) {
			object := liveLocation(t, c.status)
			if c.status != nil && c.status.Phase == "" {
				// What the API server stores for a status without fields.
				object["status"] = map[string]interface{}{}
			}
			got, err := celHealth(locations, apiVersion, kind, object)
			if c.want == "" {
				if err == nil || got != "" {
					t.Errorf("got %q, %v; want an evaluation error (not ready, polling goes on)", got, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}
