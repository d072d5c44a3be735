import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { Member } from '../../api/types';
import { educationLabels, genderLabels, kindLabels, label, standingLabels } from '../../lib/labels';

export type MemberColumnKey =
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'idNumber'
  | 'education'
  | 'kind'
  | 'joinedOn'
  | 'orgName'
  | 'standing'
  | 'mobile'
  | 'lostContact'
  | 'phone'
  | 'occupation'
  | 'jobPost';

export const memberColumnLabels: Record<MemberColumnKey, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  idNumber: '公民身份号码',
  education: '学历',
  kind: '党员类型',
  joinedOn: '入党日期',
  orgName: '所在党组织',
  standing: '党籍状态',
  mobile: '流动党员',
  lostContact: '失联',
  phone: '联系电话',
  occupation: '人员类别',
  jobPost: '工作岗位',
};

export const defaultMemberColumns: MemberColumnKey[] = [
  'name',
  'gender',
  'birthDate',
  'education',
  'kind',
  'joinedOn',
  'orgName',
  'standing',
  'mobile',
];

export function memberColumns(regionName: (code: string | null) => string | null): ColumnsType<Member> {
  const cols: Record<MemberColumnKey, ColumnsType<Member>[number]> = {
    name: { render: (_, m) => <Link to={`/members/${m.id}`}>{m.name}</Link>, fixed: 'left', width: 110 },
    gender: { render: (_, m) => genderLabels[m.gender], width: 70 },
    birthDate: { dataIndex: 'birthDate', width: 120 },
    idNumber: { dataIndex: 'idNumber', width: 190 },
    education: { render: (_, m) => label(educationLabels, m.education), width: 120 },
    kind: {
      render: (_, m) => <Tag color={m.kind === 'full' ? 'red' : 'orange'}>{kindLabels[m.kind]}</Tag>,
      width: 110,
    },
    joinedOn: { dataIndex: 'joinedOn', width: 120 },
    orgName: { dataIndex: 'orgName', ellipsis: true },
    standing: {
      render: (_, m) =>
        m.standing === 'normal' ? standingLabels.normal : <Tag color="default">{standingLabels.stopped}</Tag>,
      width: 100,
    },
    mobile: {
      render: (_, m) =>
        m.mobile ? <Tag color="blue">{regionName(m.destinationRegion) ?? '流动'}</Tag> : <span>否</span>,
      width: 160,
    },
    lostContact: {
      render: (_, m) =>
        m.lostContact ? (
          <Tag color="volcano">失联{m.lostContactSince ? ` ${m.lostContactSince}` : ''}</Tag>
        ) : (
          '否'
        ),
      width: 130,
    },
    phone: { dataIndex: 'phone', width: 130, render: (v) => v ?? '—' },
    occupation: { dataIndex: 'occupation', width: 140, render: (v) => v ?? '—' },
    jobPost: { dataIndex: 'jobPost', width: 140, render: (v) => v ?? '—' },
  };
  return (Object.keys(cols) as MemberColumnKey[]).map((key) => ({
    key,
    title: memberColumnLabels[key],
    ...cols[key],
  }));
}
