// Command velero is Velero's CLI and server (github.com/vmware-tanzu/velero
// v1.18.1, pinned in ../../go.mod), built for the local end-to-end harness in
// test/e2e. It runs Velero's own root command; the one difference is where
// controller-runtime serves its metrics.
//
// `velero server` builds a controller-runtime manager without metrics options,
// so controller-runtime's default applies: ":8080", every interface, with no
// flag to change it. The harness listens on 127.0.0.1 only, so this binary
// takes that address from VELERO_E2E_CONTROLLER_METRICS_ADDRESS and turns the
// endpoint off ("0") when it is unset. Velero's own metrics stay on
// --metrics-address.
package main

import (
	"os"
	"path/filepath"

	"github.com/vmware-tanzu/velero/pkg/cmd"
	"github.com/vmware-tanzu/velero/pkg/cmd/velero"
	"k8s.io/klog/v2"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"
)

func main() {
	metricsserver.DefaultBindAddress = "0"
	if addr := os.Getenv("VELERO_E2E_CONTROLLER_METRICS_ADDRESS"); addr != "" {
		metricsserver.DefaultBindAddress = addr
	}
	defer klog.Flush()
	// The command is named after the binary, as velero server re-executes
	// itself (os.Args[0]) to serve its built-in plugins.
	err := velero.NewCommand(filepath.Base(os.Args[0])).Execute()
	cmd.CheckError(err)
}
