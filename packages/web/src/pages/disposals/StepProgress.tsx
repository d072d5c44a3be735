import { disposalStepNames } from '@dangjian/core';
import { Typography } from 'antd';

/** Where a disposal stands in the five steps (DOMAIN.md 处置程序五步), for a row of the queue. */
export function StepProgress({ step }: { step: number }) {
  if (step === 0) return <Typography.Text type="secondary">尚未启动程序</Typography.Text>;
  return (
    <span>
      第 {step}/{disposalStepNames.length} 步 {disposalStepNames[step - 1]}
    </span>
  );
}
