import { Divider, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PairingBulk } from '../../../../domain/schemas/pairings';
import AgreementFields from './AgreementFields';
import CommitmentList from './CommitmentList';

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

/** The fields of the one agreement template of a bulk creation; `{row}` and `{column}` in the title become the names. */
export default function MatrixTemplateFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="title"
        label={t('pairing.title')}
        rules={[{ required: true, message: t('common.required') }]}
        extra={t('pairing.matrix.titleHelp')}
      >
        <Input maxLength={200} />
      </Form.Item>
      <AgreementFields withState />
      <Divider orientation="left">{t('pairing.commitments')}</Divider>
      <CommitmentList
        ownerField="side"
        ownerOptions={(['row', 'column'] as const).map((s) => ({
          value: s,
          label: t(`pairing.matrix.side.${s}`),
        }))}
        withDoneOn={false}
        newRow={{ side: 'row' }}
      />
    </>
  );
}
