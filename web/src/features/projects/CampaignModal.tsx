import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import FormModal from '../../components/FormModal';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { projectKeys, type Campaign } from './projectQueries';

// The organizer opens a year's campaign (or edits it): the implementation plan, the application deadline and the
// evaluation criteria with their weights. The organizer and the year are fixed once the campaign exists.

interface Values {
  organizerOrgId?: string;
  year?: number;
  title: string;
  plan?: string;
  applicationDeadline: string;
  criteria: { id?: string; name: string; weight: number; max: number }[];
}

export default function CampaignModal({ campaign, onClose, onSaved }: { campaign?: Campaign; onClose: () => void; onSaved: (c: Campaign) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const initial: Partial<Values> = campaign
    ? { title: campaign.title, plan: campaign.plan ?? '', applicationDeadline: campaign.applicationDeadline, criteria: campaign.criteria }
    : { year: new Date().getFullYear(), criteria: [{ name: '', weight: 100, max: 100 }] };
  return (
    <FormModal<Values>
      title={campaign ? t('projects.editCampaign') : t('projects.newCampaign')}
      form={form}
      width={720}
      okText={t('projects.saveCampaign')}
      initialValues={initial}
      onClose={onClose}
      onSubmit={async ({ organizerOrgId, year, ...rest }) => {
        const body = { ...rest, plan: rest.plan?.trim() ? rest.plan : null };
        const c = campaign
          ? await api<Campaign>(`/project-campaigns/${campaign.id}`, { method: 'PATCH', body })
          : await api<Campaign>('/project-campaigns', { method: 'POST', body: { organizerOrgId, year, ...body } });
        void client.invalidateQueries({ queryKey: projectKeys.all });
        onSaved(c);
      }}
    >
      {!campaign && (
        <Space wrap align="start">
          <Form.Item name="organizerOrgId" label={t('projects.organizer')} rules={[{ required: true }]} style={{ minWidth: 280 }}>
            <OrgTreeSelect rootId={null} />
          </Form.Item>
          <Form.Item name="year" label={t('projects.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="title" label={t('projects.campaignTitle')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="plan" label={t('projects.plan')}>
        <Input.TextArea rows={5} maxLength={20000} />
      </Form.Item>
      <Form.Item name="applicationDeadline" label={t('projects.deadline')} rules={[{ required: true }]}>
        <DateField />
      </Form.Item>
      <Form.Item label={t('projects.criteria')} required style={{ marginBottom: 0 }}>
        <Form.List name="criteria">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline" size={[8, 0]}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true }]}>
                    <Input placeholder={t('projects.criterionName')} aria-label={t('projects.criterionName')} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}>
                    <InputNumber min={0.01} max={1000} placeholder={t('projects.weight')} aria-label={t('projects.weight')} addonBefore={t('projects.weight')} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'max']} rules={[{ required: true }]}>
                    <InputNumber min={0.01} max={1000} placeholder={t('projects.maxScore')} aria-label={t('projects.maxScore')} addonBefore={t('projects.maxScore')} style={{ width: 150 }} />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>{t('projects.remove')}</Button>}
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button onClick={() => add()} style={{ marginBottom: 16 }}>
                {t('projects.addCriterion')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </FormModal>
  );
}
