import { Command, CommanderError } from 'commander';
import { JianzhenError } from '../errors.js';
import { commands } from './commands/index.js';
import { useOwnTempFolder } from './temp-folder.js';
import { stopsItsOwnWay } from '../signals.js';

/**
 * Builds the command tree from the one list of commands (cli/commands/index.ts). A command line that starts
 * with a command's name loads that command's file only; anything else (`--help`, a mistyped name) loads them
 * all, for the full list and the suggestion of the nearest name.
 */
export async function buildProgram(argv: readonly string[], setExit: (code: number) => void): Promise<Command> {
  const program = new Command('jianzhen')
    .description('鉴真 — find counterfeit copies of Chinese government certificate-query sites and turn them into evidence')
    .version('0.1.0')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const named = commands.filter((c) => c.name === argv[0]);
  for (const command of named.length > 0 ? named : commands) (await command.load())(program, setExit);
  return program;
}
/** Entry point: maps errors to DESIGN.md's exit codes (2 bad input, 3 missing component). */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = await buildProgram(argv, (c) => (code = c));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2; // commander already printed the message (unknown option, missing argument, …)
    }
    if (err instanceof JianzhenError) {
      process.stderr.write(`jianzhen: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`jianzhen: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

/** Exit codes of a stop by signal: 128 + the signal's number, as shells report it. */
const SIGNAL_EXIT: Readonly<Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Ctrl-C, systemd's stop (SIGTERM) and a closed terminal (SIGHUP) all stop a command the same way: at once, with
 * nothing in flight recorded. Every finished target is already committed, so the same command resumes the scan.
 * A long-running command that waits to be told to stop (a worker, the console, the sandbox) stops its own way.
 * (Without a handler of ours, Playwright's own SIGTERM/SIGHUP handlers would close Chromium and leave the scan
 * running on a new browser, recording the targets in flight as unreachable.)
 */
function stopOnSignals(): void {
  let stopping = false;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      // A long-running command waiting to be told to stop (untilStopped with ownWay: a worker, the console, the
      // sandbox) takes the first SIGINT/SIGTERM and stops its own way; a second one ends the process here.
      if (signal !== 'SIGHUP' && stopsItsOwnWay()) {
        stopping = true;
        process.stderr.write(`\njianzhen: ${signal}: stopping; send it again to stop at once\n`);
        return;
      }
      process.stderr.write(
        stopping ? `\njianzhen: stopped by ${signal}\n` : `\njianzhen: stopped by ${signal}; finished targets are stored — run the same command again to resume\n`,
      );
      process.exit(code);
    });
  }
}

/**
 * A file size limit (`ulimit -f`, systemd's LimitFSIZE) is a full disk to us: the write fails with EFBIG and the
 * scan stops with a sentence. Node ignores SIGXFSZ, but a dependency's exit hook (signal-exit) listens for it and
 * re-raises it when it is the only listener, which would kill the process mid-write with no word.
 */
function fileSizeLimitIsAnError(): void {
  process.on('SIGXFSZ', () => undefined);
}

const isEntry = process.argv[1] && /(?:^|[/\\])(?:main\.ts|jianzhen(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  stopOnSignals();
  fileSizeLimitIsAnError();
  useOwnTempFolder();
  process.exitCode = await main(process.argv.slice(2));
}
