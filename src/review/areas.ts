/**
 * The console's areas, each a Hono sub-app mounted at its path, in the order their routes are tried, with
 * its link in the top bar. Adding an area is one line here.
 */
import type { ConsoleArea } from './context.js';
import { artifactsArea } from './areas/artifacts/index.js';
import { auditArea } from './areas/audit/index.js';
import { authArea } from './areas/auth/index.js';
import { decisionsArea } from './areas/decisions/index.js';
import { evidenceArea } from './areas/evidence/index.js';
import { exportsArea } from './areas/exports/index.js';
import { leadsArea } from './areas/leads/index.js';
import { operatorsArea } from './areas/operators/index.js';
import { overviewArea } from './areas/overview/index.js';
import { queueArea } from './areas/queue/index.js';
import { siteArea } from './areas/site/index.js';
import { staticArea } from './areas/static/index.js';
import { usersArea } from './areas/users/index.js';

export const AREAS: readonly ConsoleArea[] = [
  { path: '/static', build: staticArea },
  { path: '/', build: authArea },
  { path: '/queue', build: queueArea, nav: { href: '/queue', label: '待审队列' } },
  { path: '/overview', build: overviewArea, nav: { href: '/overview', label: '总览' } },
  { path: '/operators', build: operatorsArea, nav: { href: '/operators', label: '团伙' } },
  { path: '/leads', build: leadsArea, nav: { href: '/leads', label: '提交线索' } },
  { path: '/evidence', build: evidenceArea, nav: { href: '/evidence', label: '证据包' } },
  { path: '/site', build: siteArea },
  { path: '/decisions', build: decisionsArea },
  { path: '/export', build: exportsArea },
  { path: '/artifact', build: artifactsArea },
  { path: '/users', build: usersArea, nav: { href: '/users', label: '用户', supervisor: true } },
  { path: '/audit', build: auditArea, nav: { href: '/audit', label: '审计日志', supervisor: true } },
];
