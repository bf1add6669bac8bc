#!/usr/bin/env node
// `kyma-backup`: the command line of cdk8s-kyma-backup (docs/cli.md). Bundled
// by esbuild into lib/cli/kyma-backup.js, the package's bin. Every failure is
// one clear message and a documented exit code, never a stack trace.
import { CommanderError } from 'commander';
import { applyCommand } from './apply';
import { ExitCode, ExitCodeValue } from './errors';
import { commanderExitCode, program } from './program';
import { restoreCommand } from './restore';
import { statusCommand } from './status-command';
import { verifyCommand } from './verify';

// A reader that closes the pipe early (`kyma-backup apply --help | head`) ends the output, not in a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? ExitCode.OK : ExitCode.INTERNAL));
}

async function main(argv: string[]): Promise<void> {
  // Exits once what was written has been flushed (the client's keep-alive sockets would hold the process open).
  const exit = (code: ExitCodeValue): void => {
    process.stdout.write('', () => process.exit(code));
  };
  try {
    await program({ apply: applyCommand, restore: restoreCommand, verify: verifyCommand, status: statusCommand }, exit).parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return exit(commanderExitCode(e));
    process.stderr.write(`kyma-backup: internal error: ${e instanceof Error ? e.message : String(e)} (please report it)\n`);
    return exit(ExitCode.INTERNAL);
  }
}

void main(process.argv);
