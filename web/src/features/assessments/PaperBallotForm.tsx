import { FormOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Radio, Typography, type InputRef } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';
import type { Assessment, BallotReceipt } from '../../../../domain/schemas/assessments';
import { assessmentKeys, assessmentPath } from './assessmentQueries';
import { gradeLabel } from './format';

interface Cell {
  /** the form's field for this grade */
  name: string;
  reporterId: string;
  criterionId: string | null;
}

/** A paper slip keyed in by a clerk: its code and a grade for each open reporter (and criterion); counted like a phone's ballot, marked as paper. */
export default function PaperBallotForm({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Record<string, string>>();
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [counted, setCounted] = useState(0);
  const codeInput = useRef<InputRef>(null);
  const open = a.reporters.filter((r) => r.open);
  const criteria = a.criteria.length ? a.criteria.map((c): { id: string | null; name: string } => ({ id: c.id, name: c.name })) : [{ id: null, name: '' }];
  const cells: Cell[] = open.flatMap((r) => criteria.map((c) => ({ name: `g_${r.id}_${c.id ?? 'overall'}`, reporterId: r.id, criterionId: c.id })));

  const submit = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api<BallotReceipt>(`${assessmentPath(a.id)}/paper-ballots`, {
        method: 'POST',
        body: { code: v.code, grades: cells.map((c) => ({ reporterId: c.reporterId, criterionId: c.criterionId, grade: v[c.name] })) },
      }),
    onSuccess: async () => {
      setCounted((n) => n + 1);
      void message.success(t('assessment.paper.counted'));
      form.resetFields();
      codeInput.current?.focus();
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.progress(a.id) });
    },
    onError: (error) => {
      // an unknown code names no field: it belongs under the code all the same
      if (error instanceof ApiError && error.fieldErrors.length === 0 && error.status === 404) {
        form.setFields([{ name: 'code', errors: [error.message] }]);
        return setOtherErrors([]);
      }
      // grades.N… is the Nth cell of the form
      setOtherErrors(applyServerErrors(form, error, [], (field) => field.replace(/^grades\.(\d+)(\..*)?$/, (_m, i: string) => cells[Number(i)]?.name ?? 'grades')));
    },
  });

  const required = [{ required: true, message: t('common.required') }];
  const scale = a.scale.map((s) => ({ value: s.grade, label: gradeLabel(t, s.grade) }));

  return (
    <Card size="small" title={t('assessment.paper.title')} className="assessment-paper">
      <Typography.Paragraph type="secondary">{t('assessment.paper.hint')}</Typography.Paragraph>
      {counted > 0 && (
        <Alert type="success" showIcon message={t('assessment.paper.countedSoFar', { count: counted })} className="modal-alert" data-testid="paper-counted" />
      )}
      {otherErrors.length > 0 && <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />}
      <Form
        form={form}
        layout="horizontal"
        onFinish={(v) => {
          setOtherErrors([]);
          submit.mutate(v);
        }}
      >
        <Form.Item name="code" label={t('assessment.paper.code')} rules={required}>
          <Input ref={codeInput} autoComplete="off" spellCheck={false} className="assessment-paper-code" placeholder="XXXX-XXXX-XXXXX" />
        </Form.Item>
        {open.map((r) => (
          <div key={r.id} className="assessment-paper-reporter">
            <Typography.Text strong>
              {r.memberName} <Typography.Text type="secondary">{r.orgName}</Typography.Text>
            </Typography.Text>
            {criteria.map((c) => (
              <Form.Item
                key={c.id ?? 'overall'}
                name={`g_${r.id}_${c.id ?? 'overall'}`}
                label={c.name || t('assessment.paper.overall')}
                rules={required}
              >
                <Radio.Group
                  optionType="button"
                  options={scale}
                  aria-label={t('assessment.paper.gradeOf', { name: r.memberName, criterion: c.name || t('assessment.paper.overall') })}
                />
              </Form.Item>
            ))}
          </div>
        ))}
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<FormOutlined />} loading={submit.isPending} disabled={open.length === 0}>
            {t('assessment.paper.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
