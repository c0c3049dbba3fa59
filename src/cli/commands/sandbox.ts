import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { RegisterCommand } from '../options.js';

/** `jianzhen sandbox`: the bundled sandbox internet on loopback (tests, the demo and benchmarks use it). */
export const registerSandbox: RegisterCommand = (program: Command, setExit) => {
  program
    .command('sandbox')
    .description('run the bundled sandbox internet (proxy, DNS, WHOIS, SearXNG) on loopback until Ctrl-C')
    .option('--host <addr>', 'loopback address to bind', '127.0.0.1')
    .action(async (flags: { host: string }) => {
      if (!/^127\.|^::1$|^localhost$/.test(flags.host)) throw new UsageError('--host: the sandbox only ever binds a loopback address');
      const { runSandboxCommand } = await import('../../sandbox/index.js');
      await runSandboxCommand({ host: flags.host });
      setExit(0);
    });
};
