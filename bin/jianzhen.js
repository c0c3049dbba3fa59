#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader, so `npx jianzhen` needs no build step
// and signals (Ctrl-C, kill) reach the scan itself rather than a wrapper.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
