import { Button, Card, List, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { meetingsApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { MeetingDetail } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { formatTime } from '../../lib/format';
import { AbilityButton } from './shared';

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/** 会议附件: photos and files of the meeting, kept with the record (the server limits their size). */
export function Attachments({ meeting }: { meeting: MeetingDetail }) {
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const upload = useFormMutation({
    mutate: (file: File) =>
      meetingsApi.uploadAttachment(meeting.id, file, (percent) => setProgress({ name: file.name, percent })),
    success: (_, file) => `已上传 ${file.name}`,
    invalidate: [keys.meetings.detail(meeting.id)],
    onDone: () => setProgress(null),
  });
  return (
    <Card
      title="会议附件"
      style={{ marginTop: 16 }}
      extra={
        <Upload
          showUploadList={false}
          disabled={!meeting.abilities.attach.allowed || upload.busy}
          beforeUpload={(file) => {
            setProgress({ name: file.name, percent: 0 });
            upload.submit(file);
            return false;
          }}
        >
          <AbilityButton
            ability={meeting.abilities.attach}
            loading={upload.busy}
            data-testid="upload-attachment"
          >
            上传照片或文件
          </AbilityButton>
        </Upload>
      }
    >
      {progress && upload.busy && (
        <div data-testid="upload-progress">
          <Typography.Text>{progress.name}</Typography.Text>
          <Progress percent={progress.percent} size="small" />
        </div>
      )}
      {upload.error && (
        <Typography.Text type="danger" data-testid="upload-error">
          上传失败：{errorMessage(upload.error)}
        </Typography.Text>
      )}
      <List
        size="small"
        dataSource={meeting.attachments}
        locale={{ emptyText: '暂无附件' }}
        data-testid="attachments"
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button
                key="dl"
                type="link"
                size="small"
                href={meetingsApi.attachmentUrl(meeting.id, a.id)}
                target="_blank"
              >
                下载
              </Button>,
            ]}
          >
            <List.Item.Meta title={a.name} description={`${size(a.size)} · ${formatTime(a.createdAt)}`} />
          </List.Item>
        )}
      />
    </Card>
  );
}
