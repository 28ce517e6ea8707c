import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';
import { GRADES, type Grade } from '../../../../domain/projects/enums';
import { projectKeys, useCampaign, useEvaluation, type EvaluationData, type Project } from './projectQueries';

// The evaluation of a completed project: each of the organizer's evaluators scores it against the campaign's
// criteria (scoring again replaces one's own), with a grade and a comment; the project's score is the evaluators'
// mean. Each indicator shows baseline → target → achieved. An excellent project is a showcase (典型).

type Evaluation = EvaluationData['evaluations'][number];

/** Whether the latest value reached the target, in the indicator's direction. */
const reached = (i: Project['indicators'][number]) => i.achieved !== null && (i.direction === 'up' ? i.achieved >= i.target : i.achieved <= i.target);

export default function EvaluationCard({ project, meId }: { project: Project; meId: string | undefined }) {
  const { t } = useTranslation();
  const evaluation = useEvaluation(project.id);
  const campaign = useCampaign(project.campaignId);
  const criteria = campaign.data?.criteria ?? [];
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (v: { scores: { score: number }[]; grade: Grade; comment?: string }) =>
      api(`/secretary-projects/${project.id}/evaluation`, {
        method: 'POST',
        body: { scores: criteria.map((c, i) => ({ criterionId: c.id, score: v.scores[i]?.score })), grade: v.grade, comment: v.comment ?? '' },
      }),
    onSuccess: () => {
      setProblems([]);
      void client.invalidateQueries({ queryKey: projectKeys.all });
    },
    onError: (e) => setProblems(applyServerErrors(form, e)),
  });
  const data = evaluation.data;
  const mine = data?.evaluations.find((e) => e.evaluatorId === meId);
  const scored = (data?.evaluations.length ?? 0) > 0;
  if (!scored && !project.abilities.evaluate && project.indicators.length === 0) return null;
  const criterionName = (id: string) => criteria.find((c) => c.id === id)?.name ?? '';
  return (
    <Card size="small" title={t('projects.evaluation')} extra={data?.showcase && <Tag color="gold">{t('projects.showcase')}</Tag>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('projects.averageScore')}>{data?.score ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('projects.grade')}>{data?.grade ? t(`projects.grades.${data.grade}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('projects.evaluators')}>{data?.evaluations.length ?? 0}</Descriptions.Item>
          {project.evaluationComment && (
            <Descriptions.Item label={t('projects.comment')} span={3}>
              {project.evaluationComment}
            </Descriptions.Item>
          )}
        </Descriptions>
        {project.indicators.length > 0 && (
          <section aria-label={t('projects.indicatorOutcome')}>
            <Typography.Text strong>{t('projects.indicatorOutcome')}</Typography.Text>
            {project.indicators.map((i) => (
              <div key={i.id}>
                {`${i.name}：${i.baseline} → ${i.target} → ${i.achieved ?? '—'} ${i.unit}`}{' '}
                {i.achieved !== null && (reached(i) ? <Tag color="green">{t('projects.targetMet')}</Tag> : <Tag color="orange">{t('projects.targetMissed')}</Tag>)}
              </div>
            ))}
          </section>
        )}
        {scored && (
          <Table<Evaluation>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={data!.evaluations}
            columns={[
              { title: t('projects.evaluator'), dataIndex: 'evaluatorName', render: (v: string | null) => v ?? '—' },
              { title: t('projects.total'), dataIndex: 'total', width: 80 },
              { title: t('projects.grade'), dataIndex: 'grade', width: 80, render: (g: Grade) => t(`projects.grades.${g}`) },
              { title: t('projects.comment'), dataIndex: 'comment', render: (v: string) => v || '—' },
              ...(criteria.length ? [{ title: t('projects.criteria'), key: 'scores', render: (_: unknown, e: Evaluation) => e.scores.map((s) => `${criterionName(s.criterionId)} ${s.score}`).join('、') }] : []),
            ]}
          />
        )}
        {project.abilities.evaluate && criteria.length > 0 && (
          <Form
            form={form}
            layout="vertical"
            aria-label={t('projects.scoreIt')}
            key={mine?.id ?? 'new'}
            initialValues={{
              scores: criteria.map((c) => ({ score: mine?.scores.find((s) => s.criterionId === c.id)?.score })),
              grade: mine?.grade,
              comment: mine?.comment ?? '',
            }}
            onFinish={save.mutate}
          >
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {mine ? t('projects.rescore') : t('projects.scoreIt')}
            </Typography.Title>
            {problems.length > 0 && <Alert type="error" message={problems.join('；')} style={{ margin: '8px 0' }} />}
            <Space wrap align="start" style={{ marginTop: 8 }}>
              {criteria.map((c, i) => (
                <Form.Item key={c.id} name={['scores', i, 'score']} label={t('projects.criterionScore', { name: c.name, max: c.max })} rules={[{ required: true }]}>
                  <InputNumber min={0} max={c.max} inputMode="decimal" style={{ width: 140 }} />
                </Form.Item>
              ))}
              <Form.Item name="grade" label={t('projects.grade')} rules={[{ required: true }]}>
                <Select style={{ width: 120 }} options={GRADES.map((g) => ({ value: g, label: t(`projects.grades.${g}`) }))} />
              </Form.Item>
            </Space>
            <Form.Item name="comment" label={t('projects.comment')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('projects.saveScore')}
            </Button>
          </Form>
        )}
      </Space>
    </Card>
  );
}
