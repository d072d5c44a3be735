import { Button, type ButtonProps } from 'antd';

/** An in-table action that looks like a link but is a real button (keyboard and screen readers). */
export function LinkButton(props: ButtonProps) {
  return <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} {...props} />;
}
