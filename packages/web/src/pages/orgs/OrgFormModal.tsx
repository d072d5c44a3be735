import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { OrgDetail, OrgInput, OrgType } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { InlineError } from '../../components/QueryState';
import { RegionCascader } from '../../components/RegionCascader';
import { validated } from '../../lib/forms';
import { orgTypeOptions } from '../../lib/labels';

interface Values {
  name: string;
  type: OrgType;
  regionCode?: string | null;
  units?: number | null;
  term?: [Dayjs | null, Dayjs | null] | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** Create a child of `parent` (or a top-level organization), or edit `org`. */
export function OrgFormModal({
  open,
  org,
  parent,
  onClose,
  onSaved,
}: {
  open: boolean;
  org?: OrgDetail;
  parent?: { id: string; name: string } | null;
  onClose: () => void;
  /** After the organization is saved and the organization queries refetched. */
  onSaved: (org: OrgDetail) => void;
}) {
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const { busy, error, submit } = useFormMutation({
    mutate: (v: Values) => {
      const input: OrgInput = {
        name: v.name.trim(),
        type: v.type,
        regionCode: v.regionCode ?? null,
        units: v.type === 'joint_branch' ? (v.units ?? null) : null,
        termStartedOn: day(v.term?.[0]),
        termEndsOn: day(v.term?.[1]),
      };
      return org ? orgApi.update(org.id, input) : orgApi.create({ ...input, parentId: parent?.id });
    },
    success: (saved) => (org ? '组织信息已保存' : `已创建“${saved.name}”`),
    invalidate: [keys.orgs.all],
    onDone: onSaved,
  });

  const initial: Partial<Values> = org
    ? {
        name: org.name,
        type: org.type,
        regionCode: org.regionCode,
        units: org.units,
        term: [
          org.termStartedOn ? dayjs(org.termStartedOn) : null,
          org.termEndsOn ? dayjs(org.termEndsOn) : null,
        ],
      }
    : { type: parent ? 'branch' : 'committee' };

  return (
    <Modal
      open={open}
      title={org ? `编辑组织：${org.name}` : parent ? `在“${parent.name}”下新建组织` : '新建顶层组织'}
      okText="保存"
      onOk={() => validated(form).then(submit)}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <InlineError error={error} />
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item
          label="组织名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入组织名称' },
            { max: 100, message: '名称不超过 100 字' },
          ]}
        >
          <Input placeholder="如：中共某某村支部委员会" />
        </Form.Item>
        <Form.Item label="组织类别" name="type" rules={[{ required: true, message: '请选择组织类别' }]}>
          <Select options={orgTypeOptions} placeholder="请选择" />
        </Form.Item>
        <Form.Item label="所在地区" name="regionCode" extra="组织所在地的行政区划，用于统计党员所在地">
          <RegionCascader />
        </Form.Item>
        {type === 'joint_branch' && (
          <Form.Item
            label="联合单位数"
            name="units"
            rules={[{ type: 'number', min: 1, message: '至少 1 个单位' }]}
          >
            <InputNumber min={1} max={1000} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item label="本届任期" name="term">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            style={{ width: '100%' }}
            placeholder={['任期开始', '任期届满']}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
