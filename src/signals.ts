/**
 * How a long-running command (the schedule, the console, a worker, the sandbox) waits to be told to stop.
 */

/** Resolves at the first SIGINT or SIGTERM (Ctrl-C, systemd's stop), and stops listening for either. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
