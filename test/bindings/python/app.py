"""The default Kyma full-cluster backup, written as a Python cdk8s user would.

Synthesizes into the directory given as the only argument; the smoke test
compares the result with the TypeScript app's output byte for byte.
"""
import sys

from cdk8s import App, Chart
from cdk8s_kyma_backup import KymaBackupSchedule, KymaSystemBackup, KymaUserBackup

app = App(outdir=sys.argv[1])
chart = Chart(app, "kyma-backup")
KymaSystemBackup(chart, "SystemBackup")
KymaUserBackup(chart, "UserBackup")
KymaBackupSchedule(chart, "Schedule")
app.synth()
