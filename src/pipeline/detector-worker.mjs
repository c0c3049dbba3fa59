// The detector worker's entry: worker threads start without the TypeScript loader the CLI runs under, so
// this registers tsx in the worker, then loads the worker proper (detector-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./detector-worker.ts');
