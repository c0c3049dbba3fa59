/**
 * Input validated at the edge: every route reads its form, query and path through one of these, with a zod
 * schema; what does not fit is answered 400 with a sentence in Chinese before the handler runs.
 */
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import type { Env } from './context.js';
import { errorPage } from './layout.js';

function refuse(c: Context<Env>, error: z.ZodError): Response {
  const issue = error.issues[0];
  // Messages written for analysts carry a Chinese sentence; zod's own defaults are English, so name the field.
  const message = issue && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `请求参数不正确（${issue?.path.join('.') || '请求'}）。`;
  return c.html(errorPage(c.get('viewer') ?? null, 400, message), 400);
}

/** Validates the form body (urlencoded or multipart) with `schema`. */
export function form<T extends z.ZodType>(schema: T) {
  return validator('form', (value, c: Context<Env>) => {
    const r = schema.safeParse(value);
    return r.success ? (r.data as z.output<T>) : refuse(c, r.error);
  });
}

/** Validates the query string with `schema`. */
export function query<T extends z.ZodType>(schema: T) {
  return validator('query', (value, c: Context<Env>) => {
    const r = schema.safeParse(value);
    return r.success ? (r.data as z.output<T>) : refuse(c, r.error);
  });
}

/** Validates the path parameters with `schema`. */
export function param<T extends z.ZodType>(schema: T) {
  return validator('param', (value, c: Context<Env>) => {
    const r = schema.safeParse(value);
    return r.success ? (r.data as z.output<T>) : refuse(c, r.error);
  });
}

// ---- shared field shapes ----------------------------------------------------------------------------

/** A form field that may come once or many times, as an array of strings (Files dropped). */
export const many = z
  .union([z.string(), z.array(z.union([z.string(), z.instanceof(File)])), z.instanceof(File)])
  .optional()
  .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string')));

/** A host name as stored (lower-case ASCII letters, digits, dots and hyphens). */
export const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]{1,253}$/, '站点名称不正确。');

/** Hosts from a multi-valued form field: valid ones only, lower-cased, deduplicated. */
export const hostList = many.transform((hs) => [...new Set(hs.map((h) => h.trim().toLowerCase()).filter((h) => /^[a-z0-9.-]{1,253}$/.test(h)))]);

/** A query string to return to (from a hidden field): only "?…" or nothing. */
export const returnQuery = z
  .string()
  .optional()
  .transform((v) => (v && /^\?[^\s#]*$/.test(v) ? v : ''));

/** Optional free text, trimmed and bounded. */
export const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim().slice(0, max));

/** A "1"/"on" checkbox. */
export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'on');

/** A Beijing calendar day YYYY-MM-DD (an empty field is no day). */
export const day = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00+08:00`)) ? v : null));

/** A 1-based page number. */
export const pageNumber = z
  .string()
  .optional()
  .transform((v) => Math.max(1, Math.min(100_000, Number.parseInt(v ?? '1', 10) || 1)));
