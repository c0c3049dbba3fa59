import { Option, type Command } from 'commander';
import type { RegisterCommand } from '../options.js';

/** `jianzhen demo`: the whole job on the bundled sandbox. */
export const registerDemo: RegisterCommand = (program: Command, setExit) => {
  program
    .command('demo')
    .description('start the bundled sandbox, refresh references, scan the whole corpus and print the summary')
    .option('--db <file>', 'store for the demo (default .jianzhen/demo/jianzhen.db, recreated each run)')
    .option('--chromium <path>', 'Chromium binary')
    .option('--concurrency <n>', 'pages rendered at once (default 4)')
    .addOption(new Option('--lang <lang>', 'language of the reasons (default: from the locale)').choices(['zh', 'en']))
    .option('--keep', 'keep the sandbox running after the summary (Ctrl-C to stop)')
    .action(async (flags: Record<string, unknown>) => {
      const { runDemo } = await import('../demo.js');
      setExit(await runDemo(flags));
    });
};
