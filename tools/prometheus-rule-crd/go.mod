module github.com/cdk8s-kyma-backup/tools/prometheus-rule-crd

go 1.26.0

require (
	github.com/prometheus-operator/prometheus-operator v0.94.1
	sigs.k8s.io/yaml v1.6.0
)

require go.yaml.in/yaml/v2 v2.4.4 // indirect
