/**
 * How a long-running command (the schedule, the console, a worker, the sandbox) waits to be told to stop.
 */

/** How many untilStopped waits are pending: while one is, the first SIGINT or SIGTERM is the command's to handle. */
let waiting = 0;

/**
 * Resolves at the first SIGINT or SIGTERM (Ctrl-C, systemd's stop), and stops listening for either. With `ownWay`
 * (a stop that takes seconds: a worker finishes the jobs it runs, the console closes its store) the CLI's own
 * handler (cli/main.ts) lets that signal through to the command, and a second one stops the process at once.
 * Without it the CLI stops the process at once, as for a scan: a schedule's run in progress (hours) is resumed by
 * the next one rather than waited for.
 */
export function untilStopped({ ownWay }: { ownWay: boolean }): Promise<void> {
  if (ownWay) waiting++;
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (ownWay) waiting--;
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Whether a command waits in untilStopped for SIGINT or SIGTERM to stop its own way. */
export function stopsItsOwnWay(): boolean {
  return waiting > 0;
}
