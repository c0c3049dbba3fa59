/**
 * The base error of jianzhen: every error a caller should act on carries a stable `code` and the
 * process exit code DESIGN.md assigns to it (2 bad arguments or input, 3 a missing component).
 */
export class JianzhenError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Bad arguments or input: the user must fix the command line or the file (exit 2). */
export class UsageError extends JianzhenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, 2, options);
  }
}

/** A required component is missing (no Chromium, no fonts): the message says what to install (exit 3). */
export class MissingComponentError extends JianzhenError {
  readonly installHint: string;
  constructor(message: string, installHint: string) {
    super('missing-component', `${message}\n  install it with: ${installHint}`, 3);
    this.installHint = installHint;
  }
}

/** Turns anything thrown into a one-line message fit for a result's `error` field. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
