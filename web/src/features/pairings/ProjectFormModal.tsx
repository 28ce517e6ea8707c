import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import EnumSelect from '../../components/EnumSelect';
import {
  PROJECT_STATUSES,
  type JointProject,
  type Pairing,
  type PairingItem,
  type ProjectCreate,
  type ProjectPatch,
} from '../../../../domain/schemas/pairings';
import FormModal from '../../components/FormModal';
import { pairingKeys, pairingPath, partyNames, usePairingItems } from './pairingQueries';

interface Values {
  title: string;
  needId?: string | null;
  resourceId?: string | null;
  owners: { orgId?: string; name?: string }[];
  dueOn?: string | null;
  status: JointProject['status'];
  outcome?: string | null;
}

/** What a new joint project starts from: a need, a resource (perhaps of another pairing), a title. */
export interface ProjectPreset {
  needId?: string;
  resourceId?: string;
  /** label of a resource that is not on this pairing's list */
  resourceLabel?: string;
  title?: string;
}

const itemOptions = (items: PairingItem[] | undefined) =>
  (items ?? []).map((i) => ({
    value: i.id,
    label: `${i.title}（${i.orgName}）`,
    disabled: i.status === 'closed',
  }));

/** Creates a joint project from a need and a resource, or edits one (owners per side, due date, status, outcome). */
export default function ProjectFormModal({
  pairing,
  project,
  preset = {},
  onClose,
}: {
  pairing: Pairing;
  project: JointProject | null;
  preset?: ProjectPreset;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const needs = usePairingItems(pairing.id, 'need');
  const resources = usePairingItems(pairing.id, 'resource');
  const names = partyNames(pairing);
  const resourceOptions = itemOptions(resources.data?.items);
  if (preset.resourceId && !resourceOptions.some((o) => o.value === preset.resourceId))
    resourceOptions.push({
      value: preset.resourceId,
      label: preset.resourceLabel ?? preset.resourceId,
      disabled: false,
    });

  const save = async (v: Values) => {
    const fields = {
      title: v.title.trim(),
      owners: v.owners.map((o) => ({ orgId: o.orgId ?? '', name: o.name?.trim() ?? '' })),
      dueOn: v.dueOn ?? null,
      status: v.status,
      outcome: v.outcome?.trim() || null,
    };
    if (project) {
      const body: ProjectPatch = fields;
      await api<JointProject>(`${pairingPath(pairing.id)}/projects/${encodeURIComponent(project.id)}`, { method: 'PATCH', body });
    } else {
      const body: ProjectCreate = { ...fields, needId: v.needId ?? null, resourceId: v.resourceId ?? null };
      await api<JointProject>(`${pairingPath(pairing.id)}/projects`, { method: 'POST', body });
    }
    void message.success(t('common.saved'));
    // matching changes the need's and the resource's status, perhaps in another pairing
    await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
    onClose();
  };
  const required = [{ required: true, message: t('common.required') }];
  const initialValues: Values = project
    ? {
        title: project.title,
        needId: project.needId,
        resourceId: project.resourceId,
        owners: project.owners,
        dueOn: project.dueOn,
        status: project.status,
        outcome: project.outcome,
      }
    : {
        title: preset.title ?? '',
        needId: preset.needId ?? null,
        resourceId: preset.resourceId ?? null,
        owners: pairing.parties.map((p) => ({ orgId: p.orgId, name: p.contactName ?? undefined })),
        status: 'planned',
      };

  return (
    <FormModal<Values>
      title={project ? t('pairing.project.edit') : t('pairing.project.create')}
      form={form}
      width={720}
      initialValues={initialValues}
      errorFields={[['owners']]}
      onClose={onClose}
      onSubmit={save}
    >
      <Form.Item name="title" label={t('pairing.project.title')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="needId" label={t('pairing.project.need')}>
            <Select
              allowClear
              disabled={project !== null}
              loading={needs.isPending}
              options={itemOptions(needs.data?.items)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="resourceId" label={t('pairing.project.resource')}>
            <Select
              allowClear
              disabled={project !== null}
              loading={resources.isPending}
              options={resourceOptions}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="owners">
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('pairing.project.owners')}>
            {fields.map((field) => (
              <Row gutter={8} key={field.key} className="pairing-form-row">
                <Col xs={12} md={12}>
                  <Form.Item name={[field.name, 'orgId']} rules={required}>
                    <Select
                      aria-label={t('pairing.list.org')}
                      className="full-width"
                      options={pairing.partyOrgIds.map((id) => ({ value: id, label: names.get(id) ?? id }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={9} md={10}>
                  <Form.Item name={[field.name, 'name']} rules={required}>
                    <Input
                      placeholder={t('pairing.project.ownerName')}
                      aria-label={t('pairing.project.ownerName')}
                      maxLength={50}
                    />
                  </Form.Item>
                </Col>
                <Col xs={3} md={2}>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('pairing.project.removeOwner')}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('pairing.project.addOwner')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item name="dueOn" label={t('pairing.dueOn')}>
            <DateField />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="status" label={t('pairing.list.status')}>
            <EnumSelect enumName="projectStatus" values={PROJECT_STATUSES} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="outcome" label={t('pairing.project.outcome')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
    </FormModal>
  );
}
