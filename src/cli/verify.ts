// `kyma-backup verify <restore>...`: what each Restore restored (its
// RestoreResourceList, through a Velero DownloadRequest), looked up in the
// cluster now. The e2e's "0 lost" check as a command.
import { CliError, ExitCode, ExitCodeValue } from './errors';
import { Kube } from './kube';
import { VerifyOptions } from './options';
import { Output } from './output';
import { itemKey } from './restore-preview';
import { RestoredItem, Verification, restoredItems, verifyRestored } from './restore-results';
import { RestoreObject, isFinalRestorePhase } from './velero-state';

export async function verifyCommand(options: VerifyOptions, out: Output): Promise<ExitCodeValue> {
  const kube = Kube.connect(options);
  const results: Array<{ restore: string; phase?: string; error?: string } & Partial<Verification>> = [];
  for (const name of options.restores) {
    const restore = await kube.read<any>({ apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name, namespace: options.namespace } }) as RestoreObject | undefined;
    if (!restore) {
      results.push({ restore: name, error: `Restore ${name} does not exist in ${options.namespace}` });
      continue;
    }
    const phase = restore.status?.phase;
    if (!isFinalRestorePhase(phase) || phase === 'FailedValidation') {
      results.push({ restore: name, phase, error: `Restore ${name} is ${phase || 'New'}: ${phase === 'FailedValidation' ? 'it restored nothing' : 'wait until it has ended'}` });
      continue;
    }
    let list: unknown;
    try {
      list = await kube.download(options.namespace, 'RestoreResourceList', name);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      results.push({ restore: name, phase, error: `cannot read what Restore ${name} restored: ${e.message}` });
      continue;
    }
    if (!list || typeof list !== 'object') {
      results.push({ restore: name, phase, error: `Velero has no resource list of Restore ${name}` });
      continue;
    }
    const items = restoredItems(list as Record<string, string[]>);
    const present = new Set<string>();
    for (const item of items) {
      if (item.action === 'skipped') continue;
      if (await exists(kube, item)) present.add(itemKey(item));
    }
    const v = verifyRestored(items, item => present.has(itemKey(item)));
    results.push({ restore: name, phase, ...v });
  }

  let missing = 0;
  for (const r of results) {
    if (r.error) {
      out.log(`restore ${r.restore}: ${r.error}`);
      continue;
    }
    missing += r.missing!.length;
    out.log(`restore ${r.restore} (${r.phase}): ${r.present!.length + r.failedButPresent!.length} restored objects in the cluster, ${r.missing!.length} missing, `
      + `${r.skipped!.length} skipped by Velero${r.replaced!.length > 0 ? `, ${r.replaced!.length} replaced by the control plane` : ''}`);
    for (const m of r.missing!) out.log(`  missing  ${m}`);
    for (const f of r.failedButPresent!) out.log(`  present, with a warning or error of Velero for it (it existed and differed, or failed; see the Restore's results): ${f}`);
    if (r.replaced!.length > 0) out.log(`  gone, replaced by the control plane under other names (not counted as missing): ${r.replaced!.join(', ')}`);
    if (r.skipped!.length > 0) out.log(`  skipped by Velero on purpose (it existed already, or was left out), not counted as missing: ${r.skipped!.length}`);
    for (const s of r.skipped!) out.log(`    ${s}`);
  }
  const errors = results.filter(r => r.error).length;
  const code = missing > 0 || errors > 0 ? ExitCode.FAILED : ExitCode.OK;
  out.log(code === ExitCode.OK ? `verified: 0 missing of ${results.reduce((n, r) => n + (r.present?.length ?? 0) + (r.failedButPresent?.length ?? 0), 0)} restored objects`
    : `${missing} missing${errors > 0 ? `; ${errors} Restores could not be verified` : ''}`);
  out.result({ namespace: options.namespace, restores: results, missing, exitCode: code });
  return code;
}

/** Whether the object is in the cluster now; a kind the API server does not serve means it is not. */
async function exists(kube: Kube, item: RestoredItem): Promise<boolean> {
  const metadata = { name: item.name, ...(item.namespace ? { namespace: item.namespace } : {}) };
  const object = { apiVersion: item.apiVersion, kind: item.kind, metadata };
  if (!(await kube.serves(item.apiVersion, item.kind))) return false;
  return (await kube.read(object as any)) !== undefined;
}
