import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select, Space, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import FormModal from '../../components/FormModal';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { BUSINESS_AREAS } from '../../../../domain/projects/enums';
import type { Campaign, Project } from './projectQueries';

// The application form (申报书): the project, the business area and the indicators it is meant to move. With a
// project it edits that application (a draft, or one returned for changes); the applying organization stays.

type Props = { campaign: Campaign; project?: undefined; onClose: () => void } | { campaign?: undefined; project: Project; onClose: () => void };

export default function ApplyModal({ campaign, project, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, unknown>>();
  const client = useQueryClient();
  const navigate = useNavigate();
  return (
    <FormModal<Record<string, unknown>>
      title={project ? t('projects.editApplication') : t('projects.apply')}
      form={form}
      width={720}
      okText={project ? t('projects.saveChanges') : t('projects.saveDraft')}
      initialValues={project ? editable(project) : { businessArea: 'production_operations', indicators: [] }}
      onClose={onClose}
      onSubmit={async (values) => {
        const p = project
          ? await api<Project>(`/secretary-projects/${project.id}`, { method: 'PATCH', body: values })
          : await api<Project>('/secretary-projects', { method: 'POST', body: { campaignId: campaign.id, ...values } });
        void client.invalidateQueries({ queryKey: ['projects'] });
        if (project) onClose();
        else void navigate(`/projects/${p.id}`);
      }}
    >
      {!project && (
        <Form.Item name="orgId" label={t('projects.org')} rules={[{ required: true }]}>
          <OrgTreeSelect rootId={null} />
        </Form.Item>
      )}
      <Form.Item name="title" label={t('projects.title')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="problem" label={t('projects.problem')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="goals" label={t('projects.goals')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="measures" label={t('projects.measures')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="expectedOutcomes" label={t('projects.expectedOutcomes')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="businessArea" label={t('projects.businessArea')}>
        <Select options={BUSINESS_AREAS.map((a) => ({ value: a, label: t(`projects.areas.${a}`) }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="startOn" label={t('projects.startOn')} rules={[{ required: true }]}>
          <DateField />
        </Form.Item>
        <Form.Item name="endOn" label={t('projects.endOn')} rules={[{ required: true }]}>
          <DateField />
        </Form.Item>
      </Space>
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} wrap align="baseline">
                <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                  <Input placeholder={t('projects.indicatorName')} />
                </Form.Item>
                <Form.Item name={[f.name, 'unit']} initialValue="">
                  <Input placeholder={t('projects.unit')} style={{ width: 70 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'baseline']} rules={[{ required: true }]}>
                  <InputNumber placeholder={t('projects.baseline')} />
                </Form.Item>
                <Form.Item name={[f.name, 'target']} rules={[{ required: true }]}>
                  <InputNumber placeholder={t('projects.target')} />
                </Form.Item>
                <Form.Item name={[f.name, 'direction']} initialValue="up">
                  <Select style={{ width: 90 }} options={[{ value: 'up', label: t('projects.up') }, { value: 'down', label: t('projects.down') }]} />
                </Form.Item>
                <Button onClick={() => remove(f.name)}>{t('projects.remove')}</Button>
              </Space>
            ))}
            <Button onClick={() => add()}>{t('projects.addIndicator')}</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** The application's own fields, as the form edits them (PATCH takes the same names). */
function editable(p: Project) {
  const { title, problem, goals, measures, expectedOutcomes, businessArea, startOn, endOn } = p;
  const indicators = p.indicators.map(({ name, unit, baseline, target, direction }) => ({ name, unit, baseline, target, direction }));
  return { title, problem, goals, measures, expectedOutcomes, businessArea, startOn, endOn, indicators };
}
