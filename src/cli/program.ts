// The commands, options and help of `kyma-backup` (commander). What each
// command does is handed in (main.ts), so that this file loads without the
// Kubernetes client (test/cli-apply.test.ts parses command lines with it).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError, EXIT_CODES_HELP, ExitCode, ExitCodeValue, RESTORE_EXIT_CODES_HELP, ROOT_EXIT_CODES_HELP, STATUS_EXIT_CODES_HELP, VERIFY_EXIT_CODES_HELP } from './errors';
import { ApplyOptions, RestoreOptions, StatusOptions, VerifyOptions } from './options';
import { Output, OutputFormat, consoleOutput } from './output';
import { version } from '../../package.json';
import { parseGoDuration } from '../time/go-duration';

/** Velero's namespace in Kyma's guide, and the library's default. */
const VELERO_NAMESPACE = 'kyma-backup';

/** A duration as Velero and kubectl take it (`90s`, `5m`, `1h30m`), in ms. */
export function parseDurationOption(text: string): number {
  const parsed = parseGoDuration(text);
  if ('error' in parsed) throw new InvalidArgumentError(`${parsed.error} (a duration such as 90s, 5m or 1h)`);
  if (parsed.nanos <= 0n) throw new InvalidArgumentError('the duration must be more than 0');
  return Number(parsed.nanos / 1_000_000n);
}

/** The options every command takes: Velero's namespace, the output, and the kubeconfig. */
function commonOptions(command: Command, exitCodes = EXIT_CODES_HELP): Command {
  return command
    .option('-n, --namespace <namespace>', 'Velero\'s namespace', VELERO_NAMESPACE)
    .addOption(new Option('-o, --output <format>', 'text for people, json for scripts (progress then goes to stderr)').choices(['text', 'json']).default('text'))
    .option('--kubeconfig <file>', 'the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'the kubeconfig context (default: its current context)')
    .addHelpText('after', `\n${exitCodes}`);
}

/** Runs a command's body: a CliError becomes its message and exit code, anything else exit 4 with one line. */
async function run(format: OutputFormat, body: () => Promise<ExitCodeValue>): Promise<ExitCodeValue> {
  try {
    return await body();
  } catch (e) {
    const error = e instanceof CliError ? e : new CliError(`internal error: ${e instanceof Error ? e.message : String(e)} (please report it)`, ExitCode.INTERNAL);
    process.stderr.write(`kyma-backup: ${error.message}\n`);
    if (format === 'json') process.stdout.write(`${JSON.stringify({ error: error.message, exitCode: error.exitCode }, null, 2)}\n`);
    return error.exitCode;
  }
}

/** What each command does. */
export interface Commands {
  apply(options: ApplyOptions, out: Output): Promise<ExitCodeValue>;
  restore(options: RestoreOptions, out: Output): Promise<ExitCodeValue>;
  verify(options: VerifyOptions, out: Output): Promise<ExitCodeValue>;
  status(options: StatusOptions, out: Output): Promise<ExitCodeValue>;
}

export function program(commands: Commands, onExit: (code: ExitCodeValue) => void): Command {
  const root = new Command('kyma-backup')
    .description('Apply the Velero manifests of cdk8s-kyma-backup on a Kyma cluster, run its restore plans, verify restores, and check its backups.')
    .version(version)
    .addHelpText('after', `\n${ROOT_EXIT_CODES_HELP}`)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  commonOptions(root.command('apply')
    .description('Apply a directory of manifests in dependency order: Namespaces; CustomResourceDefinitions (waits until established); '
      + 'Secrets, ConfigMaps and other kinds; BackupStorageLocations and VolumeSnapshotLocations (waits until each new or changed '
      + 'storage location is Available, and each unchanged one is); Schedules; Backups. Server-side apply with the field manager kyma-backup; says per object '
      + 'whether it was created, configured or unchanged. Never applies a Restore.')
    .argument('[dir]', 'the directory of manifests (its .yaml, .yml and .json files, not its subdirectories)', 'manifests')
    .option('--wait', 'wait until each Backup this apply created has ended, with progress; exit 1 unless every one is Completed. '
      + 'Warns when Velero\'s backup queue has stopped (Backups Queued for 3 min with none running; velero#10519)')
    .addOption(new Option('--location-timeout <duration>', 'how long to wait for each new or changed storage location to be Available')
      .argParser(parseDurationOption).default(parseDurationOption('5m'), '5m'))
    .addOption(new Option('--backup-timeout <duration>', 'with --wait: how long to wait for the Backups').argParser(parseDurationOption).default(parseDurationOption('1h'), '1h')))
    .exitOverride()
    .action(async (dir: string, opts: any) => {
      onExit(await run(opts.output, () => commands.apply({
        directory: dir,
        namespace: opts.namespace,
        wait: opts.wait === true,
        locationTimeoutMs: opts.locationTimeout,
        backupTimeoutMs: opts.backupTimeout,
        kubeconfig: opts.kubeconfig,
        context: opts.context,
      }, consoleOutput(opts.output))));
    });

  commonOptions(root.command('restore')
    .description('Run a restore plan (KymaRestorePlan\'s output, one file per phase) phase after phase. First a pre-flight that reports every problem '
      + 'together and applies nothing when there is one: Velero\'s CRDs installed and a BackupStorageLocation Available; each source backup existing and '
      + 'Completed (for scheduleName: its latest completed backup, named, and none of its backups still running) in an Available location; '
      + 'the two halves of one run; no Restore of the plan\'s '
      + 'names yet; every Schedule paused (or --pause-schedules). Then the directory\'s ConfigMaps and Secrets, then each phase: its Restores created, '
      + 'their progress followed until each ends; a phase that does not end Completed, or that Velero took from another backup than pre-flight named, '
      + 'stops the restore, with the warnings and errors Velero recorded. '
      + 'Ends with a report per phase.')
    .option('--dir <dir>', 'the restore plan\'s directory (its .yaml, .yml and .json files, in the order of their names)', 'manifests-restore')
    .option('--pause-schedules', 'pause every Schedule that is not paused before the restore (they stay paused; the output says how to unpause them)')
    .option('-y, --yes', 'restore without asking (needed when stdin is not a terminal)')
    .option('--dry-run', 'pre-flight, then what each phase would bring back (counts per namespace and kind, from each backup\'s resource list); applies nothing')
    .addOption(new Option('--timeout <duration>', 'how long to wait for each phase\'s Restores to end').argParser(parseDurationOption).default(parseDurationOption('2h'), '2h')),
  RESTORE_EXIT_CODES_HELP)
    .exitOverride()
    .action(async (opts: any) => {
      onExit(await run(opts.output, () => commands.restore({
        directory: opts.dir,
        namespace: opts.namespace,
        pauseSchedules: opts.pauseSchedules === true,
        yes: opts.yes === true,
        dryRun: opts.dryRun === true,
        timeoutMs: opts.timeout,
        kubeconfig: opts.kubeconfig,
        context: opts.context,
      }, consoleOutput(opts.output))));
    });

  commonOptions(root.command('verify')
    .description('Check that what each Restore restored is in the cluster now: the Restore\'s resource list (read through a Velero DownloadRequest), '
      + 'each object looked up. Lists every missing object; objects Velero skipped on purpose (they existed, or were left out) are listed apart.')
    .argument('<restore...>', 'the names of the Restores'), VERIFY_EXIT_CODES_HELP)
    .exitOverride()
    .action(async (restores: string[], opts: any) => {
      onExit(await run(opts.output, () => commands.verify({
        restores, namespace: opts.namespace, kubeconfig: opts.kubeconfig, context: opts.context,
      }, consoleOutput(opts.output))));
    });

  commonOptions(root.command('status')
    .description('What to check on a Monday: each BackupStorageLocation and its phase; each Schedule\'s last backup and last successful one (phase, age, '
      + 'expiry, items, warnings, errors); a Schedule overdue when its last success is older than its longest interval (the robfig simulation of its '
      + 'spec.schedule, as the retention check and the alerts compute it) plus the margin; the halves of each pair (kyma-system-backup[-<rule>] and '
      + 'kyma-backup[-<rule>]) out of step.'), STATUS_EXIT_CODES_HELP)
    .addOption(new Option('--margin <duration>', 'added to a Schedule\'s longest interval before its last success counts as overdue (the alerts\' default)')
      .argParser(parseDurationOption).default(parseDurationOption('1h'), '1h'))
    .exitOverride()
    .action(async (opts: any) => {
      onExit(await run(opts.output, () => commands.status({
        namespace: opts.namespace, marginMs: opts.margin, kubeconfig: opts.kubeconfig, context: opts.context,
      }, consoleOutput(opts.output))));
    });
  return root;
}

/** The exit code of a commander error: 0 for --help and --version, 2 for wrong use (commander has printed why). */
export function commanderExitCode(e: CommanderError): ExitCodeValue {
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return ExitCode.OK;
  // `kyma-backup` alone prints the help as an error.
  return e.code === 'commander.help' && e.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
}
