"""The default Kyma full-cluster backup, written as a Python cdk8s user would.

Synthesizes into the directory given as the only argument; the smoke test
compares the result with the TypeScript app's output byte for byte.
"""
import os
import sys

from cdk8s import App, Chart
from cdk8s_kyma_backup import KymaBackupSchedule, KymaSystemBackup, KymaUserBackup

app = App(outdir=sys.argv[1])
chart = Chart(app, "kyma-backup")
KymaSystemBackup(chart, "SystemBackup")
KymaUserBackup(chart, "UserBackup")
schedule = KymaBackupSchedule(chart, "Schedule")
app.synth()
# The summary beside the manifests, as the TypeScript app writes it.
with open(os.path.join(sys.argv[1], "kyma-backup-summary.md"), "w", encoding="utf-8") as summary:
    summary.write(schedule.summary_markdown())
