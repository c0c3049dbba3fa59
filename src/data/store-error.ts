import { JianzhenError } from '../errors.js';

/**
 * The store cannot be used as asked: the file is not a jianzhen database, its schema is newer than this
 * program, or a value would break the store's invariants. The message names the file or the value.
 */
export class StoreError extends JianzhenError {
  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super('store', message, options?.exitCode ?? 1, options);
  }
}
