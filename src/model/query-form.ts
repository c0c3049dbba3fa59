/**
 * Is this form a certificate query? A small, pure heuristic over the fields the crawler extracted (name,
 * id, label, placeholder), shared by the probe (which must decide before it types anything) and by
 * detectors that read stored snapshots. The same word lists are handed to the in-page fill script, so
 * the page and Node agree on which field is which.
 */
import type { FormField, FormInfo, ProbeRole } from './snapshot.js';

/** Words that give a field its role: `names` match a whole name/id, `words` a part of the label, placeholder or name. */
export const ROLE_WORDS: Readonly<Record<ProbeRole, { readonly names: readonly string[]; readonly words: readonly string[] }>> = {
  // The certificate number comes first: 证书编号 must not be read as the ID number's 证号.
  certNo: {
    names: ['zsbh', 'zsh', 'certno', 'certnum', 'certificateno', 'czzh'],
    words: ['证书编号', '证书号', '操作证号', '证书号码', 'certificate'],
  },
  idNumber: {
    names: ['sfzh', 'zjhm', 'idcard', 'idno', 'sfz', 'sfzhm', 'zjh', 'cardno', 'idnumber', 'zjbh'],
    words: ['身份证', '证件号', '证号', 'idcard', 'sfzh', 'zjhm'],
  },
  name: {
    names: ['xm', 'name', 'xingming', 'realname', 'truename', 'fullname', 'cyrxm'],
    words: ['姓名', '姓　名', '姓　　名', '持证人', 'xingming', 'realname'],
  },
  captcha: {
    names: ['yzm', 'captcha', 'vcode', 'checkcode', 'verifycode', 'validcode', 'code', 'imgcode', 'randcode'],
    words: ['验证码', '校验码', 'captcha', 'yzm', 'verifycode', 'checkcode', 'validcode'],
  },
};

/** Order in which roles are tried on a field. */
export const ROLE_ORDER: readonly ProbeRole[] = ['certNo', 'idNumber', 'name', 'captcha'];

/**
 * Field names and words that mark a login, enrolment or shop form: never probed (a query asks for no
 * password and no phone number; an enrolment form that does must not get a fake applicant from us).
 */
export const NOT_A_QUERY = ['password', 'pwd', 'passwd', '密码', 'email', '邮箱', '地址', 'address', '留言', 'phone', 'mobile', '手机', '电话', '联系方式'] as const;

const norm = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');

/** The query role one field plays, or null. */
export function fieldRole(f: Pick<FormField, 'name' | 'id' | 'label' | 'placeholder'>): ProbeRole | null {
  const ids = [f.name, f.id].filter((s): s is string => !!s).map(norm);
  const texts = [f.label, f.placeholder].filter((s): s is string => !!s).map((s) => s.toLowerCase());
  for (const role of ROLE_ORDER) {
    const { names, words } = ROLE_WORDS[role];
    if (ids.some((s) => names.includes(s))) return role;
    if (texts.some((t) => words.some((w) => t.includes(w.toLowerCase())))) return role;
    // Long ASCII words (idcard, captcha) may sit inside a longer name: txtIdCard, captcha_img.
    if (ids.some((s) => words.some((w) => /^[a-z]{4,}$/.test(w) && s.includes(w)))) return role;
  }
  return null;
}

const TYPED = (f: FormField): boolean =>
  (f.tag === 'input' && !['hidden', 'submit', 'button', 'image', 'reset', 'checkbox', 'radio', 'file'].includes(f.type)) ||
  f.tag === 'textarea';

/** Roles a form's typed fields play; `blocked` when it also asks for a password, e-mail or the like. */
export function formRoles(form: FormInfo): { readonly roles: readonly ProbeRole[]; readonly blocked: boolean } {
  const roles = new Set<ProbeRole>();
  let blocked = false;
  for (const f of form.fields) {
    if (f.type === 'password' || f.type === 'tel' || f.type === 'email') blocked = true;
    if (!TYPED(f)) continue;
    const said = [f.name, f.id, f.label, f.placeholder].filter(Boolean).join(' ').toLowerCase();
    if (NOT_A_QUERY.some((w) => said.includes(w))) blocked = true;
    const role = fieldRole(f);
    if (role !== null) roles.add(role);
  }
  return { roles: [...roles], blocked };
}

/**
 * Whether a form is a certificate query worth probing: it asks for an ID or certificate number (or for a
 * name and a captcha, the shape of the official forms), and for nothing a query never asks (a password).
 */
export function isQueryForm(form: FormInfo): boolean {
  const { roles, blocked } = formRoles(form);
  if (blocked) return false;
  return roles.includes('idNumber') || roles.includes('certNo') || (roles.includes('name') && roles.includes('captcha'));
}

/** Index of the first certificate-query form of a page, or -1. */
export function queryFormIndex(forms: readonly FormInfo[]): number {
  return forms.findIndex(isQueryForm);
}
