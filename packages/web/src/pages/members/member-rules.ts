import { checkIdNumber, isValidPhone } from '@dangjian/core';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const today = () => new Date().toLocaleDateString('sv-SE');
const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

type Get = (name: string) => unknown;

// The same checks as the server's checkMemberFields, so mistakes show up while typing.

export const idNumberRules = (required: boolean): Rule[] => [
  { required, whitespace: true, message: '请输入公民身份号码' },
  {
    validator: (_, v: string | undefined) => {
      if (!v?.trim()) return Promise.resolve();
      const r = checkIdNumber(v);
      return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
    },
  },
];

const idOf = (get: Get) => {
  const v = get('idNumber');
  if (typeof v !== 'string' || !v.trim()) return null;
  const r = checkIdNumber(v);
  return r.ok ? r : null;
};

export const birthDateRules: Rule[] = [
  { required: true, message: '请选择出生日期' },
  ({ getFieldValue }) => ({
    validator: (_, v: Dayjs | undefined) => {
      const d = iso(v);
      if (!d) return Promise.resolve();
      if (d > today()) return Promise.reject(new Error('出生日期不能晚于今天'));
      const id = idOf(getFieldValue);
      if (id && id.birthDate !== d) {
        return Promise.reject(new Error(`出生日期与公民身份号码不一致（号码中为 ${id.birthDate}）`));
      }
      return Promise.resolve();
    },
  }),
];

export const genderRules: Rule[] = [
  { required: true, message: '请选择性别' },
  ({ getFieldValue }) => ({
    validator: (_, v: string | undefined) => {
      const id = idOf(getFieldValue);
      if (v && id && id.gender !== v) {
        return Promise.reject(
          new Error(`性别与公民身份号码不一致（号码中为${id.gender === 'male' ? '男' : '女'}）`),
        );
      }
      return Promise.resolve();
    },
  }),
];

export const joinedOnRules: Rule[] = [
  { required: true, message: '请选择加入党组织日期' },
  ({ getFieldValue }) => ({
    validator: (_, v: Dayjs | undefined) => {
      const d = iso(v);
      const birth = iso(getFieldValue('birthDate') as Dayjs | undefined);
      if (!d) return Promise.resolve();
      if (d > today()) return Promise.reject(new Error('加入党组织日期不能晚于今天'));
      if (birth && d < addYears(birth, 18)) return Promise.reject(new Error('加入党组织时须年满十八周岁'));
      return Promise.resolve();
    },
  }),
];

export const fullOnRules: Rule[] = [
  ({ getFieldValue }) => ({
    validator: (_, v: Dayjs | undefined) => {
      const d = iso(v);
      if (!d) return Promise.resolve();
      const joined = iso(getFieldValue('joinedOn') as Dayjs | undefined);
      if (getFieldValue('kind') === 'probationary') {
        return Promise.reject(new Error('预备党员不应填写转为正式党员日期'));
      }
      if (joined && d < joined) return Promise.reject(new Error('转为正式党员日期不能早于加入党组织日期'));
      if (d > today()) return Promise.reject(new Error('转为正式党员日期不能晚于今天'));
      return Promise.resolve();
    },
  }),
];

export const phoneRules: Rule[] = [
  {
    validator: (_, v: string | undefined) =>
      !v?.trim() || isValidPhone(v) ? Promise.resolve() : Promise.reject(new Error('联系电话格式不正确')),
  },
];

export const lostSinceRules: Rule[] = [
  ({ getFieldValue }) => ({
    validator: (_, v: Dayjs | undefined) => {
      if (getFieldValue('lostContact') && !v) return Promise.reject(new Error('失联党员须填写失去联系日期'));
      if (v && v.format('YYYY-MM') > today().slice(0, 7)) {
        return Promise.reject(new Error('失去联系日期不能晚于今天'));
      }
      return Promise.resolve();
    },
  }),
];
