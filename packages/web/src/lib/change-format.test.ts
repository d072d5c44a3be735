import { describe, expect, it } from 'vitest';
import { describeFields, formatFieldValue } from './change-format';

const regions = [
  {
    value: '110000',
    label: '北京市',
    children: [{ value: '110100', label: '市辖区', children: [{ value: '110105', label: '朝阳区' }] }],
  },
];

describe('change history in words (issue 17 item 5: no field names, enum codes or uuids shown raw)', () => {
  it('labels the fields and values of an outflow event', () => {
    const orgId = 'e98d9d02-1111-4222-8333-444455556666';
    const lines = describeFields(
      {
        leftOn: '2026-12-01',
        reason: 'work',
        episodeId: '0b7c1b8e-1111-4222-8333-444455556666',
        destinationRegion: '110105',
        gender: 'female',
        orgId,
      },
      { refs: { [orgId]: '红星村党支部' }, regions },
    );
    expect(lines.map((l) => `${l.label}：${l.value}`)).toEqual([
      '外出日期：2026-12-01',
      '原因：务工',
      '外出记录：（不在管理范围内或已删除）',
      '外出流向：北京市市辖区朝阳区',
      '性别：女',
      '所在组织：红星村党支部',
    ]);
  });

  it('says 是/否 and 空, and names nested values', () => {
    expect(formatFieldValue('reached', true)).toBe('是');
    expect(formatFieldValue('phone', null)).toBe('空');
    expect(formatFieldValue('effect', { standing: 'stopped', stopReason: 'lost_contact' })).toBe(
      '党籍状态：停止党籍；停止党籍原因：失去联系',
    );
  });
});
