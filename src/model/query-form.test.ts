import { describe, expect, it } from 'vitest';
import { fieldRole, isQueryForm, queryFormIndex } from './query-form.js';
import type { FormField, FormInfo } from './snapshot.js';

const field = (name: string | null, label: string | null = null, type = 'text', placeholder: string | null = null): FormField => ({
  tag: 'input',
  type,
  name,
  id: null,
  label,
  placeholder,
});
const form = (...fields: FormField[]): FormInfo => ({ action: 'http://x.example/q', method: 'post', fields });

describe('query-form heuristic', () => {
  it('gives fields their roles from name, label or placeholder', () => {
    expect(fieldRole(field('zjhm'))).toBe('idNumber');
    expect(fieldRole(field('t1', '身份证号'))).toBe('idNumber');
    expect(fieldRole(field('t2', null, 'text', '请输入证书编号'))).toBe('certNo');
    expect(fieldRole(field('xm'))).toBe('name');
    expect(fieldRole(field('txtCaptchaCode'))).toBe('captcha');
    expect(fieldRole(field('keyword', '搜索'))).toBeNull();
  });

  it('takes an ID-number form, or a name-and-captcha form, as a certificate query', () => {
    expect(isQueryForm(form(field('zjhm', '证件号码'), field('xm', '姓名')))).toBe(true);
    expect(isQueryForm(form(field('xm', '姓名'), field('yzm', '验证码')))).toBe(true);
  });

  it('never takes a login, an enrolment with a phone number, or a site search for one', () => {
    expect(isQueryForm(form(field('user', '姓名'), field('pwd', '密码', 'password'), field('yzm', '验证码')))).toBe(false);
    expect(isQueryForm(form(field('xm', '姓名'), field('sfzh', '身份证号'), field('tel', '手机号码')))).toBe(false);
    expect(isQueryForm(form(field('q', null, 'text', '搜索')))).toBe(false);
  });

  it('finds the query form among several', () => {
    expect(queryFormIndex([form(field('q', '搜索')), form(field('sfzh'))])).toBe(1);
    expect(queryFormIndex([form(field('q', '搜索'))])).toBe(-1);
  });
});
