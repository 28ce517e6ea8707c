import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';
import { formatDate } from '../../i18n/dates';
import { projectKeys, type Project } from './projectQueries';

// The branch-life activities held for a project (a theme day on the project's problem, a lecture, a visit): picked
// from the activities of the applying organization and those below it, they then appear on the project's timeline.

interface ActivityOption {
  id: string;
  theme: string;
  type: string;
  startsAt: string;
}

export default function ActivitiesCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<{ activityId?: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const linked = project.activities ?? [];
  const canLink = project.abilities.plan;
  const candidates = useQuery({
    queryKey: ['projects', 'activityOptions', project.orgId],
    queryFn: () => api<{ items: ActivityOption[] }>(withQuery('/activities', { org: project.orgId, subtree: true, limit: 100 })),
    enabled: canLink,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: projectKeys.detail(project.id) });
  const link = useMutation({
    mutationFn: (activityId: string) => api(`/secretary-projects/${project.id}/activities`, { method: 'POST', body: { activityId } }),
    onSuccess: () => {
      form.resetFields();
      setProblems([]);
      refresh();
    },
    onError: (e) => setProblems(applyServerErrors(form, e)),
  });
  const unlink = useMutation({
    mutationFn: (activityId: string) => api(`/secretary-projects/${project.id}/activities/${activityId}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError: (e: Error) => setProblems([e.message]),
  });
  const typeName = (type: string) => t(`enums.activityType.${type}`, { defaultValue: type });
  const options = (candidates.data?.items ?? [])
    .filter((a) => !linked.some((l) => l.id === a.id))
    .map((a) => ({ value: a.id, label: `${formatDate(a.startsAt)} ${typeName(a.type)}：${a.theme}` }));
  return (
    <Card size="small" title={t('projects.linkedActivities')}>
      {problems.length > 0 && <Alert type="error" message={problems.join('；')} style={{ marginBottom: 12 }} closable onClose={() => setProblems([])} />}
      {canLink && (
        <Form form={form} layout="inline" onFinish={(v) => v.activityId && link.mutate(v.activityId)} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="activityId" label={t('projects.linkActivity')} rules={[{ required: true }]} style={{ minWidth: 'min(100%, 420px)', flex: 1 }}>
            <Select showSearch optionFilterProp="label" loading={candidates.isLoading} options={options} placeholder={t('projects.pickActivity')} notFoundContent={t('projects.noActivities')} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={link.isPending}>
              {t('projects.link')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <List
        size="small"
        dataSource={linked}
        locale={{ emptyText: t('projects.nothing') }}
        renderItem={(a) => (
          <List.Item
            actions={
              canLink
                ? [
                    <Button key="unlink" size="small" onClick={() => unlink.mutate(a.id)}>
                      {t('projects.unlink')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap size={4}>
              <span>{formatDate(a.startsAt)}</span>
              <Tag>{typeName(a.type)}</Tag>
              <span>{a.theme}</span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
