import { describe, expect, it } from 'vitest';
import { addedLines, classifyAnswer, idCheckDigit, impossibleIdNumber, PROBE_VALUES, requestFields } from './probe.js';

const submitted = { name: PROBE_VALUES.name, id: PROBE_VALUES.idNumber };

describe('the impossible ID number', () => {
  it('computes the GB 11643 check digit of known numbers', () => {
    // The standard's worked example, and an X check.
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('44052419800101001')).toBe('3');
  });

  it('is 18 digits with a birth date that exists but a check digit that does not match', () => {
    const id = impossibleIdNumber();
    expect(id).toMatch(/^\d{17}[\dX]$/);
    expect(id.slice(6, 14)).toBe('19900307');
    expect(id.at(-1)).not.toBe(idCheckDigit(id.slice(0, 17)));
  });
});

describe('classifyAnswer', () => {
  const cases: { text: string; want: string; echoed?: boolean }[] = [
    { text: '没有查询到相关证件信息！', want: 'no-record' },
    { text: '查询结果：没有查询到相关信息', want: 'no-record' },
    { text: '查无此人，请核对后重新输入', want: 'no-record' },
    { text: '证件号码格式不正确', want: 'validation-error' },
    { text: '验证码错误', want: 'validation-error' },
    { text: `查询结果：证件有效\n姓名 ${submitted.name}\n身份证号 ${submitted.id}\n证件状态 有效`, want: 'valid', echoed: true },
    { text: `姓名：${submitted.name}　准操项目：低压电工作业　有效期至2030-01-01`, want: 'valid', echoed: true },
    // Validity words without our name or number echoed: someone else's certificate, or a template.
    { text: '证件有效', want: 'unknown', echoed: false },
    // 查询结果 and the platform's name say nothing about validity.
    { text: `查询结果\n${submitted.name}\n考核合格信息查询`, want: 'unknown', echoed: true },
    { text: '系统维护中', want: 'unknown' },
  ];
  for (const c of cases) {
    it(`reads "${c.text.split('\n')[0]}" as ${c.want}`, () => {
      const r = classifyAnswer(c.text, submitted);
      expect(r.classification).toBe(c.want);
      if (c.echoed !== undefined) expect(r.echoed).toBe(c.echoed);
    });
  }

  it('does not read the echoed name 测试无此人 as a no-record answer', () => {
    expect(classifyAnswer(`证件有效 ${submitted.name}`, submitted).classification).toBe('valid');
  });
});

describe('requestFields', () => {
  it('reads form-encoded, JSON, multipart bodies and the query string', () => {
    expect(requestFields('http://a.example/q', 'POST', 'zjhm=1&xm=%E6%B5%8B')).toEqual({ zjhm: '1', xm: '测' });
    expect(requestFields('http://a.example/q', 'POST', '{"sfzh":"1","n":2,"deep":{"x":1}}')).toEqual({ sfzh: '1', n: '2' });
    expect(requestFields('http://a.example/q', 'POST', '--b\r\nContent-Disposition: form-data; name="xm"\r\n\r\n张三\r\n--b--')).toEqual({ xm: '张三' });
    expect(requestFields('http://a.example/q?sfzh=9&xm=a', 'GET', null)).toEqual({ sfzh: '9', xm: 'a' });
  });
});

describe('addedLines', () => {
  it('keeps only the lines a script added', () => {
    expect(addedLines('证件查询\n证件号码\n查询', '证件查询\n证件号码\n查询\n查无此人')).toBe('查无此人');
  });
});
