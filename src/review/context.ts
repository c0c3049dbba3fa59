/**
 * What every console area shares: the Hono environment (the signed-in viewer, the client's address), the
 * dependencies an area is built from, and the small guards areas use. An area is a function from these
 * dependencies to a Hono sub-app (areas.ts lists them).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Session } from '../data/accounts.js';
import type { Store } from '../data/store.js';
import type { Platform } from '../model/platform.js';
import type { DiffPool } from './diff.js';
import type { ConsoleJobs } from './jobs/index.js';
import type { ConsoleAddresses } from './security.js';
import type { NavLink } from './layout.js';
import { errorPage } from './layout.js';

/** The signed-in user as pages see them: the session and the navigation their role may use. */
export type Viewer = Session & { readonly nav: readonly NavLink[] };

export type Env = { Variables: { viewer: Viewer | null; clientAddress: string | null } };

/** Everything an area is built from. */
export interface ConsoleDeps {
  readonly store: Store;
  readonly platforms: readonly Platform[];
  readonly jobs: ConsoleJobs;
  readonly diffs: DiffPool;
  readonly addresses: ConsoleAddresses;
  readonly sessionTtlMs: number;
  /** How long opening a site holds it for the analyst. */
  readonly claimTtlMs: number;
  /** How long after a decision its maker may still undo it. */
  readonly undoWindowMs: number;
  readonly now: () => Date;
}

/** A console area: where it is mounted, how it is built, and its link in the top bar (if any). */
export interface ConsoleArea {
  readonly path: string;
  readonly build: (deps: ConsoleDeps) => Hono<Env>;
  readonly nav?: NavLink;
}

/** The viewer of a request behind the session guard (every route but login and static files). */
export function viewerOf(c: Context<Env>): Viewer {
  const v = c.get('viewer');
  if (!v) throw new Error('route reached without a session: the session guard must run first');
  return v;
}

/** Refuses anyone but a supervisor with 403. */
export const supervisorsOnly: MiddlewareHandler<Env> = async (c, next) => {
  const v = viewerOf(c);
  if (v.user.role !== 'supervisor') return c.html(errorPage(v, 403, '仅主管可以访问此页面。'), 403);
  return next();
};
