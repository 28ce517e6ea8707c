import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import type { PeriodKind } from '../../../../domain/periods';
import type { Pairing, PairingCreate, PairingPatch } from '../../../../domain/schemas/pairings';
import FormModal from '../../components/FormModal';
import AgreementFields from './AgreementFields';
import CommitmentList from './CommitmentList';
import { pairingKeys, pairingPath, partyNames, useOrgNames } from './pairingQueries';

interface PartyValue {
  orgId?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactTitle?: string | null;
}
interface CommitmentValue {
  id?: string;
  orgId?: string;
  description?: string;
  target?: string | null;
  dueOn?: string | null;
  doneOn?: string | null;
}
interface Values {
  title: string;
  parties: PartyValue[];
  coordinatorOrgId?: string | null;
  signedOn?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  state: 'draft' | 'active';
  frequency: { min: number; per: PeriodKind };
  content?: string | null;
  plaque: { awardedOn?: string | null; wording?: string | null };
  commitments: CommitmentValue[];
}

type Props = { onClose: () => void; onSaved: (id: string) => void } & (
  { mode: 'create'; coordinatorOrgId: string | null } | { mode: 'edit'; pairing: Pairing }
);

const text = (v: string | null | undefined) => v?.trim() || null;

function fromPairing(p: Pairing): Values {
  return {
    title: p.title,
    parties: p.parties.map((x) => ({
      orgId: x.orgId,
      contactName: x.contactName,
      contactPhone: x.contactPhone,
      contactTitle: x.contactTitle,
    })),
    coordinatorOrgId: p.coordinatorOrgId,
    signedOn: p.signedOn,
    validFrom: p.validFrom,
    validTo: p.validTo,
    state: 'draft',
    frequency: p.frequency,
    content: p.content,
    plaque: { awardedOn: p.plaque?.awardedOn, wording: p.plaque?.wording },
    commitments: p.commitments.map((c) => ({
      id: c.id,
      orgId: c.orgId,
      description: c.description,
      target: c.target,
      dueOn: c.dueOn,
      doneOn: c.doneOn,
    })),
  };
}

function newValues(coordinatorOrgId: string | null): Values {
  const from = dayjs();
  return {
    title: '',
    parties: [{ orgId: null }, { orgId: null }],
    coordinatorOrgId,
    validFrom: from.format('YYYY-MM-DD'),
    validTo: from.add(3, 'year').subtract(1, 'day').format('YYYY-MM-DD'),
    state: 'draft',
    frequency: { min: 1, per: 'quarter' },
    plaque: {},
    commitments: [],
  };
}

function agreementFields(v: Values) {
  const parties = v.parties.filter((p): p is PartyValue & { orgId: string } => !!p.orgId);
  const plaque = { awardedOn: v.plaque.awardedOn ?? null, wording: text(v.plaque.wording) };
  return {
    title: v.title.trim(),
    coordinatorOrgId: v.coordinatorOrgId ?? null,
    signedOn: v.signedOn ?? null,
    validFrom: v.validFrom ?? '',
    validTo: v.validTo ?? '',
    frequency: v.frequency,
    content: text(v.content),
    plaque: plaque.awardedOn || plaque.wording ? plaque : null,
    // one contact entry per party, so their indexes match the parties' in errors
    contacts: parties.map((p) => ({
      orgId: p.orgId,
      contactName: text(p.contactName),
      contactPhone: text(p.contactPhone),
      contactTitle: text(p.contactTitle),
    })),
    partyOrgIds: parties.map((p) => p.orgId),
  };
}

const commitmentBody = (c: CommitmentValue) => ({
  orgId: c.orgId ?? '',
  description: c.description?.trim() ?? '',
  target: text(c.target),
  dueOn: c.dueOn ?? null,
  doneOn: c.doneOn ?? null,
});

/** The server names parties and contacts separately; the form keeps them on one row per party. */
const formFieldName = (field: string) =>
  field
    .replace(/^partyOrgIds\.(\d+)$/, 'parties.$1.orgId')
    .replace(/^partyOrgIds$/, 'parties')
    .replace(/^contacts\./, 'parties.');

/** Creates or edits an agreement: parties with their contacts, validity, frequency, commitments, plaque. */
export default function PairingFormModal(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const existing = props.mode === 'edit' ? props.pairing : null;
  const editing = existing !== null;
  const watchedParties = Form.useWatch('parties', form) as PartyValue[] | undefined;
  const partyIds = (watchedParties ?? []).map((p) => p?.orgId).filter((id): id is string => !!id);
  const names = useOrgNames(partyIds, existing ? partyNames(existing) : undefined);

  const save = async (values: Values) => {
    const { partyOrgIds, ...fields } = agreementFields(values);
    let pairing: Pairing;
    if (props.mode === 'edit') {
      const body: PairingPatch = {
        ...fields,
        commitments: values.commitments.map((c) => ({ ...commitmentBody(c), ...(c.id ? { id: c.id } : {}) })),
      };
      pairing = await api<Pairing>(pairingPath(props.pairing.id), { method: 'PATCH', body });
    } else {
      const body: PairingCreate = { ...fields, partyOrgIds, state: values.state, commitments: values.commitments.map(commitmentBody) };
      pairing = await api<Pairing>('/pairings', { method: 'POST', body });
    }
    void message.success(editing ? t('common.saved') : t('pairing.created'));
    await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
    props.onSaved(pairing.id);
  };

  const required = [{ required: true, message: t('common.required') }];
  const partyOptions = partyIds.map((id) => ({ value: id, label: names.get(id) ?? id }));

  return (
    <FormModal<Values>
      title={editing ? t('pairing.edit') : t('pairing.create')}
      form={form}
      width={1000}
      initialValues={props.mode === 'edit' ? fromPairing(props.pairing) : newValues(props.coordinatorOrgId)}
      errorFields={[['parties'], ['commitments']]}
      renameField={formFieldName}
      onClose={props.onClose}
      onSubmit={save}
    >
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="title" label={t('pairing.title')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="coordinatorOrgId"
            label={t('pairing.coordinator')}
            tooltip={t('pairing.coordinatorHelp')}
          >
            <OrgTreeSelect allowClear valueLabel={existing?.coordinatorName ?? undefined} />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left">{t('pairing.parties')}</Divider>
      {editing && <Typography.Paragraph type="secondary">{t('pairing.partiesFixed')}</Typography.Paragraph>}
      <Form.List
        name="parties"
        rules={[
          {
            validator: async (_r, value: PartyValue[] | undefined) => {
              if ((value ?? []).filter((p) => p?.orgId).length < 2)
                throw new Error(t('pairing.twoParties'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Row gutter={8} key={field.key} className="pairing-form-row">
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'orgId']} rules={required}>
                    <OrgTreeSelect
                      disabled={editing}
                      placeholder={t('pairing.party', { n: index + 1 })}
                      valueLabel={existing?.parties[index]?.orgName}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[field.name, 'contactName']}>
                    <Input
                      placeholder={t('pairing.contactName')}
                      aria-label={t('pairing.contactName')}
                      maxLength={50}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[field.name, 'contactPhone']}>
                    <Input
                      placeholder={t('pairing.contactPhone')}
                      aria-label={t('pairing.contactPhone')}
                      maxLength={30}
                    />
                  </Form.Item>
                </Col>
                <Col xs={20} md={5}>
                  <Form.Item name={[field.name, 'contactTitle']}>
                    <Input
                      placeholder={t('pairing.contactTitle')}
                      aria-label={t('pairing.contactTitle')}
                      maxLength={100}
                    />
                  </Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  {!editing && fields.length > 2 && (
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('pairing.removeParty')}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Col>
              </Row>
            ))}
            {!editing && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ orgId: null })}>
                {t('pairing.addParty')}
              </Button>
            )}
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>

      <Divider orientation="left">{t('pairing.agreement')}</Divider>
      <AgreementFields withState={!editing} />

      <Divider orientation="left">{t('pairing.commitments')}</Divider>
      <CommitmentList ownerField="orgId" ownerOptions={partyOptions} withDoneOn newRow={{}} />
    </FormModal>
  );
}
