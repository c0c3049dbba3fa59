/** Supervisors: create users, change roles, disable and enable accounts (never one's own). */
import { Hono } from 'hono';
import { z } from 'zod';
import { createUser, listUsers, updateUser } from '../../../data/accounts.js';
import { audit } from '../../../data/review.js';
import { errorMessage } from '../../../errors.js';
import { supervisorsOnly, viewerOf, type ConsoleDeps, type Env } from '../../context.js';
import { errorPage } from '../../layout.js';
import { form, param } from '../../validate.js';
import { usersPage } from './page.js';

const role = z.enum(['analyst', 'supervisor'], { error: '未知角色。' });

/** The users area, mounted at /users. */
export function usersArea(deps: ConsoleDeps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();
  app.use('*', supervisorsOnly);
  app.get('/', async (c) => c.html(usersPage(viewerOf(c), { users: await listUsers(store), flash: null, error: null })));

  app.post('/', form(z.object({ name: z.string().trim().max(64), role, password: z.string().max(1024) })), async (c) => {
    const v = viewerOf(c);
    const b = c.req.valid('form');
    try {
      await createUser(store, b);
      await audit(store, { actor: v.user.name, action: 'user.create', subject: b.name, detail: { role: b.role } });
      return c.html(usersPage(v, { users: await listUsers(store), flash: `已创建用户 ${b.name}。`, error: null }));
    } catch (err) {
      return c.html(usersPage(v, { users: await listUsers(store), flash: null, error: errorMessage(err) }), 400);
    }
  });

  app.post(
    '/:name',
    param(z.object({ name: z.string().max(64) })),
    form(z.object({ role: role.optional(), disabled: z.enum(['0', '1']).optional() })),
    async (c) => {
      const v = viewerOf(c);
      const { name } = c.req.valid('param');
      const b = c.req.valid('form');
      if (name.toLowerCase() === v.user.name.toLowerCase()) return c.html(errorPage(v, 400, '不能修改自己的账户。'), 400);
      const change = { ...(b.role ? { role: b.role } : {}), ...(b.disabled ? { disabled: b.disabled === '1' } : {}) };
      try {
        await updateUser(store, name, change);
        await audit(store, { actor: v.user.name, action: 'user.update', subject: name, detail: change });
        return c.redirect('/users', 303);
      } catch (err) {
        return c.html(usersPage(v, { users: await listUsers(store), flash: null, error: errorMessage(err) }), 400);
      }
    },
  );
  return app;
}
