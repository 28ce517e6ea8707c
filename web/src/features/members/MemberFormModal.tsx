import { App, Col, Form, Input, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import EnumSelect from '../../components/EnumSelect';
import FormModal from '../../components/FormModal';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { EDUCATIONS, GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES } from '../../../../domain/enums';
import { parseIdCard } from '../../../../domain/idcard';
import { ETHNICITIES } from '../../../../domain/imports/ethnicities';
import type { Member, MemberCreate, MemberDetail, MemberPatch } from '../../../../domain/schemas/members';
import { useOrgDetail } from '../orgs/orgQueries';
import { memberKeys } from './memberQueries';

type Values = Omit<MemberCreate, 'orgId'> & { orgId: string | null };

type Props = { onClose: () => void; onSaved: (id: string) => void } & (
  { mode: 'create'; orgId: string | null } | { mode: 'edit'; member: Member }
);

const TEXT_FIELDS = ['ethnicity', 'idNumber', 'phone', 'jobTitle'] as const;

function clean(values: Values): Values {
  const out: Values = { ...values, name: values.name.trim() };
  for (const key of TEXT_FIELDS) out[key] = values[key]?.trim() || null;
  return out;
}

function fromMember(m: Member): Values {
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    idNumber: m.masked ? null : m.idNumber,
    phone: m.masked ? null : m.phone,
    education: m.education,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    status: m.status,
    category: m.category,
    jobTitle: m.jobTitle,
    orgId: m.orgId,
    partyGroupId: m.partyGroupId,
  };
}

/** The fields the user changed; masked values are sent only when the user typed a new one. */
function changes(member: Member, values: Values): MemberPatch {
  const before = fromMember(member) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === 'orgId') continue;
    if (member.masked && (key === 'idNumber' || key === 'phone') && !value) continue;
    if ((value ?? null) !== (before[key] ?? null)) patch[key] = value ?? null;
  }
  return patch;
}

function withoutEmpty(values: Values): MemberCreate {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as MemberCreate;
}

export default function MemberFormModal(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = props.mode === 'edit' ? props.member : null;
  const orgId =
    Form.useWatch('orgId', form) ?? (editing ? editing.orgId : props.mode === 'create' ? props.orgId : null);
  const org = useOrgDetail(orgId);
  const ethnicity = Form.useWatch('ethnicity', form) ?? editing?.ethnicity ?? null;
  // the 56 official names; a value written otherwise before (an import kept it as written) stays selectable
  const ethnicityOptions = [
    ...ETHNICITIES,
    ...(ethnicity && !(ETHNICITIES as readonly string[]).includes(ethnicity) ? [ethnicity] : []),
  ].map((e) => ({ value: e, label: e }));

  const save = async (raw: Values) => {
    const values = clean(raw);
    let id: string;
    if (!editing)
      id = (await api<MemberDetail>('/members', { method: 'POST', body: withoutEmpty(values) })).id;
    else {
      const patch = changes(editing, values);
      if (Object.keys(patch).length === 0) {
        void message.info(t('member.noChanges'));
        props.onClose();
        return;
      }
      id = (await api<MemberDetail>(`/members/${editing.id}`, { method: 'PATCH', body: patch })).id;
    }
    void message.success(editing ? t('common.saved') : t('member.created'));
    await queryClient.invalidateQueries({ queryKey: memberKeys.all });
    await queryClient.invalidateQueries({ queryKey: ['orgs'] });
    props.onSaved(id);
  };

  /** A complete, valid ID number tells the birth date and the gender (GB 11643): they are filled in from it. */
  const fillFromIdNumber = (value: string) => {
    const parsed = parseIdCard(value, dayjs().format('YYYY-MM-DD'));
    if (parsed.ok) form.setFieldsValue({ birthDate: parsed.info.birthDate, gender: parsed.info.gender });
  };

  const required = [{ required: true, message: t('common.required') }];
  const initialValues: Partial<Values> = editing
    ? fromMember(editing)
    : {
        orgId: props.mode === 'create' ? props.orgId : null,
        status: 'probationary',
        category: 'in_service',
        ethnicity: '汉族',
      };

  return (
    <FormModal<Values>
      title={editing ? t('member.edit') : t('member.create')}
      form={form}
      initialValues={initialValues}
      onSubmit={save}
      onClose={props.onClose}
      width={760}
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="name" label={t('member.name')} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="idNumber" label={t('member.idNumber')}>
            <Input
              maxLength={18}
              placeholder={editing?.masked ? (editing.idNumber ?? '') : undefined}
              onChange={(e) => fillFromIdNumber(e.target.value)}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="gender" label={t('member.gender')}>
            <EnumSelect enumName="gender" values={GENDERS} allowClear />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="birthDate" label={t('member.birthDate')}>
            <DateField />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="ethnicity" label={t('member.ethnicity')}>
            <Select showSearch allowClear options={ethnicityOptions} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="education" label={t('member.education')}>
            <EnumSelect enumName="education" values={EDUCATIONS} allowClear />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="joinedOn" label={t('member.joinedOn')} rules={required}>
            <DateField />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="fullOn" label={t('member.fullOn')}>
            <DateField />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="status" label={t('member.status')} rules={required}>
            <EnumSelect enumName="memberStatus" values={MEMBER_STATUSES} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="category" label={t('member.category')} rules={required}>
            <EnumSelect enumName="memberCategory" values={MEMBER_CATEGORIES} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="phone" label={t('member.phone')}>
            <Input maxLength={20} placeholder={editing?.masked ? (editing.phone ?? '') : undefined} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="jobTitle" label={t('member.jobTitle')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="orgId" label={t('member.org')} rules={required}>
            <OrgTreeSelect disabled={editing !== null} valueLabel={org.data?.name ?? editing?.orgName} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="partyGroupId" label={t('member.partyGroup')}>
            <Select
              allowClear
              loading={org.isFetching}
              options={(org.data?.partyGroups ?? []).map((g) => ({ value: g.id, label: g.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
