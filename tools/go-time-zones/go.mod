module github.com/cdk8s-kyma-backup/tools/go-time-zones

go 1.24
