// The default Kyma full-cluster backup, written as a Go cdk8s user would.
// Synthesizes into the directory given as the only argument; the smoke test
// compares the result with the TypeScript app's output byte for byte.
package main

import (
	"os"
	"path/filepath"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	kyma "github.com/example/cdk8s-kyma-backup-go/cdk8skymabackup"
)

func main() {
	app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(os.Args[1])})
	chart := cdk8s.NewChart(app, jsii.String("kyma-backup"), nil)
	kyma.NewKymaSystemBackup(chart, jsii.String("SystemBackup"), nil)
	kyma.NewKymaUserBackup(chart, jsii.String("UserBackup"), nil)
	schedule := kyma.NewKymaBackupSchedule(chart, jsii.String("Schedule"), nil)
	app.Synth()
	// The summary beside the manifests, as the TypeScript app writes it.
	summary := filepath.Join(os.Args[1], "kyma-backup-summary.md")
	if err := os.WriteFile(summary, []byte(*schedule.SummaryMarkdown()), 0o644); err != nil {
		panic(err)
	}
}
