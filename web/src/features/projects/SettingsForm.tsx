import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';
import { DEFAULT_SETTINGS, type CampaignSettings } from '../../../../domain/projects/settings';
import { projectKeys, type Campaign } from './projectQueries';

// The organizer's settings of a campaign: when a project counts as at risk (a milestone overdue past a grace, an
// obstacle open too long, weekly reports missing in a row), how often the field supervisor visits, and how early a
// milestone is reminded. The board's health and the scheduler's reminders read them.

const FIELDS: { name: keyof CampaignSettings; min: number; max: number }[] = [
  { name: 'milestoneOverdueDays', min: 0, max: 90 },
  { name: 'obstacleDays', min: 1, max: 365 },
  { name: 'missingReports', min: 1, max: 52 },
  { name: 'supervisionMonths', min: 1, max: 12 },
  { name: 'milestoneDaysBefore', min: 0, max: 60 },
];

export default function SettingsForm({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<CampaignSettings>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (settings: CampaignSettings) => api<Campaign>(`/project-campaigns/${campaign.id}`, { method: 'PATCH', body: { settings } }),
    onSuccess: () => {
      setProblems([]);
      setSaved(true);
      void client.invalidateQueries({ queryKey: projectKeys.all });
    },
    // the server names the fields settings.obstacleDays …; the form edits them at the top level
    onError: (e) => setProblems(applyServerErrors(form, e, [], (field) => field.replace(/^settings\./, ''))),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      aria-label={t('projects.settings')}
      initialValues={campaign.settings}
      onValuesChange={() => setSaved(false)}
      onFinish={save.mutate}
      style={{ maxWidth: 560 }}
    >
      <Typography.Paragraph type="secondary">{t('projects.settingsHelp')}</Typography.Paragraph>
      {problems.length > 0 && <Alert type="error" message={problems.join('；')} style={{ marginBottom: 12 }} />}
      {saved && <Alert type="success" message={t('projects.settingsSaved')} style={{ marginBottom: 12 }} />}
      {FIELDS.map((f) => (
        <Form.Item key={f.name} name={f.name} label={t(`projects.settingLabels.${f.name}`)} extra={t('projects.settingDefault', { value: DEFAULT_SETTINGS[f.name] })} rules={[{ required: true }]}>
          <InputNumber min={f.min} max={f.max} precision={0} inputMode="numeric" addonAfter={t(`projects.settingUnits.${f.name}`)} style={{ width: 200 }} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('projects.saveSettings')}
      </Button>
    </Form>
  );
}
