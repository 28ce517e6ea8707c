import { BellOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { api } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';
import UserSelect from '../../components/UserSelect';
import type { Assessment, CodesToUsers } from '../../../../domain/schemas/assessments';
import { assessmentKeys, assessmentPath } from './assessmentQueries';

type Values = Static<typeof CodesToUsers>;

/** One code each to raters who have accounts: the server sends it as a notification, so no slip is printed for them. */
export default function IssueToUsers({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [sent, setSent] = useState<number | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);

  const issue = useMutation({
    mutationFn: (v: Values) => api<{ issued: number }>(`${assessmentPath(a.id)}/codes/users`, { method: 'POST', body: v }),
    onSuccess: async (result) => {
      setSent(result.issued);
      form.setFieldValue('userIds', []);
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.detail(a.id) });
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.progress(a.id) });
    },
    onError: (error) => setOtherErrors(applyServerErrors(form, error)),
  });

  const required = [{ required: true, message: t('common.required') }];

  return (
    <Card size="small" title={t('assessment.inApp.title')} className="assessment-in-app">
      <Typography.Paragraph type="secondary">{t('assessment.inApp.hint')}</Typography.Paragraph>
      {sent !== null && (
        <Alert type="success" showIcon message={t('assessment.inApp.sent', { count: sent })} className="modal-alert" data-testid="in-app-sent" />
      )}
      {otherErrors.length > 0 && <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ venueId: a.venues.find((v) => v.main)?.id ?? a.venues[0]?.id, raterGroupId: a.raterGroups[0]?.id, userIds: [] }}
        onValuesChange={() => setSent(null)}
        onFinish={(v) => {
          setOtherErrors([]);
          issue.mutate(v);
        }}
      >
        <Form.Item name="userIds" label={t('assessment.inApp.users')} rules={required}>
          {/* the accounts the organizer administers (the users page's list), searched as one types */}
          <UserSelect placeholder={t('assessment.inApp.usersPlaceholder')} />
        </Form.Item>
        <div className="assessment-in-app-row">
          <Form.Item name="venueId" label={t('assessment.venue')} rules={required}>
            <Select className="assessment-issue-select" options={a.venues.map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
          <Form.Item name="raterGroupId" label={t('assessment.raterGroup')} rules={required}>
            <Select className="assessment-issue-select" options={a.raterGroups.map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
          <Form.Item label=" ">
            <Button htmlType="submit" icon={<BellOutlined />} loading={issue.isPending}>
              {t('assessment.inApp.send')}
            </Button>
          </Form.Item>
        </div>
      </Form>
    </Card>
  );
}
