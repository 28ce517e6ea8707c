import { App, Col, Form, Input, Row } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import EnumSelect from '../../components/EnumSelect';
import FormModal from '../../components/FormModal';
import { ORG_TYPES, SECTORS } from '../../../../domain/enums';
import type { OrgCreate, OrgDetail, OrgPatch } from '../../../../domain/schemas/orgs';

interface Values {
  name: string;
  shortName: string | null;
  code: string | null;
  type: OrgCreate['type'];
  sector: OrgCreate['sector'];
  hostUnit: string | null;
  foundedOn: string | null;
  contactName: string | null;
  contactPhone: string | null;
  coveredUnits: string | null;
  termElectedOn: string | null;
}

type Props = { onClose: () => void; onSaved: (id: string) => void } & (
  { mode: 'create'; parentId: string | null } | { mode: 'edit'; org: OrgDetail }
);

const TEXT_FIELDS = ['name', 'shortName', 'code', 'hostUnit', 'contactName', 'contactPhone'] as const;

function toBody(values: Values): OrgCreate {
  const body: Record<string, unknown> = { ...values };
  for (const key of TEXT_FIELDS) body[key] = values[key]?.trim() || null;
  body.name = values.name.trim();
  body.sector = values.sector ?? null;
  body.coveredUnits = (values.coveredUnits ?? '')
    .split('\n')
    .map((u) => u.trim())
    .filter(Boolean);
  return body as OrgCreate;
}

function fromOrg(org: OrgDetail): Values {
  return {
    name: org.name,
    shortName: org.shortName,
    code: org.code,
    type: org.type,
    sector: org.sector,
    hostUnit: org.hostUnit,
    foundedOn: org.foundedOn,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    coveredUnits: org.coveredUnits.join('\n'),
    termElectedOn: org.term.electedOn,
  };
}

/** Only the fields that differ from the organization as loaded. */
function changes(org: OrgDetail, body: OrgCreate): OrgPatch {
  const before = toBody(fromOrg(org)) as unknown as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(before[key] ?? null)) patch[key] = value;
  }
  return patch;
}

export default function OrgFormModal(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = props.mode === 'edit' ? props.org : null;

  const save = async (values: Values) => {
    const body = toBody(values);
    let id: string;
    if (!editing) {
      const parentId = props.mode === 'create' ? props.parentId : null;
      id = (await api<OrgDetail>('/orgs', { method: 'POST', body: { ...body, parentId } })).id;
    } else {
      const patch = changes(editing, body);
      if (Object.keys(patch).length === 0) {
        void message.info(t('member.noChanges'));
        props.onClose();
        return;
      }
      id = (await api<OrgDetail>(`/orgs/${editing.id}`, { method: 'PATCH', body: patch })).id;
    }
    void message.success(editing ? t('common.saved') : t('org.created'));
    await queryClient.invalidateQueries({ queryKey: ['orgs'] });
    props.onSaved(id);
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <FormModal<Values>
      title={
        editing
          ? t('org.edit')
          : props.mode === 'create' && props.parentId === null
            ? t('org.createRoot')
            : t('org.createChild')
      }
      form={form}
      initialValues={editing ? fromOrg(editing) : { type: 'branch' }}
      onSubmit={save}
      onClose={props.onClose}
      width={720}
    >
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="name" label={t('org.name')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="shortName" label={t('org.shortName')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="type" label={t('org.type')} rules={required}>
            <EnumSelect enumName="orgType" values={ORG_TYPES} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="sector" label={t('org.sector')}>
            <EnumSelect enumName="sector" values={SECTORS} allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="code" label={t('org.code')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="hostUnit" label={t('org.hostUnit')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="foundedOn" label={t('org.foundedOn')}>
            <DateField />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactName" label={t('org.contactName')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactPhone" label={t('org.contactPhone')}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="termElectedOn" label={t('org.termElectedOn')}>
            <DateField />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="coveredUnits" label={t('org.coveredUnits')} extra={t('org.coveredUnitsHint')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
