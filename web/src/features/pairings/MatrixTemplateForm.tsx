import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Divider, Form, Input, Row, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import DateField from '../../components/DateField';
import type { PairingBulk } from '../../../../domain/schemas/pairings';
import AgreementFields from './AgreementFields';

type Template = PairingBulk['template'];
type CommitmentValue = Partial<NonNullable<Template['commitments']>[number]>;

export interface TemplateValues {
  title: string;
  signedOn?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  state: 'draft' | 'active';
  frequency: NonNullable<Template['frequency']>;
  content?: string | null;
  plaque: { awardedOn?: string | null; wording?: string | null };
  commitments: CommitmentValue[];
}

const text = (v: string | null | undefined) => v?.trim() || null;

export function templateBody(v: TemplateValues): Template {
  const plaque = { awardedOn: v.plaque.awardedOn ?? null, wording: text(v.plaque.wording) };
  return {
    title: v.title.trim(),
    signedOn: v.signedOn ?? null,
    validFrom: v.validFrom ?? '',
    validTo: v.validTo ?? '',
    state: v.state,
    frequency: v.frequency,
    content: text(v.content),
    plaque: plaque.awardedOn || plaque.wording ? plaque : null,
    commitments: v.commitments.map((c) => ({
      side: c.side ?? 'row',
      description: c.description?.trim() ?? '',
      target: text(c.target),
      dueOn: c.dueOn ?? null,
    })),
  };
}

/** The one agreement template of a bulk creation; `{row}` and `{column}` in the title become the names. */
export default function MatrixTemplateForm({
  form,
  initialValues,
  onFinish,
}: {
  form: FormInstance<TemplateValues>;
  initialValues: TemplateValues;
  onFinish: (values: TemplateValues) => void;
}) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Form<TemplateValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      scrollToFirstError
    >
      <Form.Item
        name="title"
        label={t('pairing.title')}
        rules={required}
        extra={t('pairing.matrix.titleHelp')}
      >
        <Input maxLength={200} />
      </Form.Item>
      <AgreementFields withState />
      <Divider orientation="left">{t('pairing.commitments')}</Divider>
      <Form.List name="commitments">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <Row gutter={8} key={field.key} className="pairing-form-row">
                <Col xs={24} md={4}>
                  <Form.Item name={[field.name, 'side']} rules={required}>
                    <Select
                      aria-label={t('pairing.owingSide')}
                      options={(['row', 'column'] as const).map((s) => ({
                        value: s,
                        label: t(`pairing.matrix.side.${s}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item name={[field.name, 'description']} rules={required}>
                    <Input
                      placeholder={t('pairing.commitment')}
                      aria-label={t('pairing.commitment')}
                      maxLength={1000}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[field.name, 'target']}>
                    <Input
                      placeholder={t('pairing.target')}
                      aria-label={t('pairing.target')}
                      maxLength={500}
                    />
                  </Form.Item>
                </Col>
                <Col xs={8} md={4}>
                  <Form.Item name={[field.name, 'dueOn']}>
                    <DateField placeholder={t('pairing.dueOn')} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('pairing.removeCommitment')}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ side: 'row' })}>
              {t('pairing.addCommitment')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form>
  );
}
