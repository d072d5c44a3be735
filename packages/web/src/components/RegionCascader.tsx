import { Cascader } from 'antd';
import { regionPath, useRegions } from './regions';

/** A form control whose value is one 6-digit region code at any level (province, city or county). */
export function RegionCascader({
  value,
  onChange,
  placeholder = '请选择省/市/县',
  id,
}: {
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  id?: string;
}) {
  const regions = useRegions();
  return (
    <Cascader
      id={id}
      options={regions.data ?? []}
      loading={regions.isLoading}
      value={regionPath(regions.data, value)}
      onChange={(path) => onChange?.(path?.length ? String(path[path.length - 1]) : null)}
      changeOnSelect
      showSearch={{
        filter: (input, path) => path.some((o) => String(o.label).includes(input)),
      }}
      placeholder={regions.error ? '行政区划加载失败' : placeholder}
      allowClear
      notFoundContent="没有匹配的地区"
      style={{ width: '100%' }}
    />
  );
}
