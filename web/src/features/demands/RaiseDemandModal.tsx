import { App, Form, Input, Radio, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import EnumSelect from '../../components/EnumSelect';
import {
  PAIRING_CATEGORIES,
  URGENCIES,
  type PairingCategory,
  type Urgency,
} from '../../../../domain/pairings/enums';
import type { Demand, DemandCreate, Pairing } from '../../../../domain/schemas/pairings';
import FormModal from '../../components/FormModal';
import PairingSelect from '../pairings/PairingSelect';
import { demandKeys } from './demandQueries';

interface Values {
  pairingId: string;
  raisedByOrgId: string;
  title: string;
  description: string;
  category: PairingCategory;
  urgency: Urgency;
}

const canRaise = (p: Pairing) => p.state === 'active' && p.actingOrgIds.length > 0;

/** Raises a demand in a pairing, for one of the parties the user acts for. */
export default function RaiseDemandModal({
  pairing: fixed,
  onClose,
  onRaised,
}: {
  /** raise in this pairing (the pairing page); otherwise the user picks one */
  pairing?: Pairing;
  onClose: () => void;
  onRaised: (demand: Demand) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [pairing, setPairing] = useState<Pairing | null>(fixed ?? null);

  const save = async (v: Values) => {
    const body: DemandCreate = { ...v, title: v.title.trim(), description: v.description.trim() };
    const demand = await api<Demand>('/demands', { method: 'POST', body });
    void message.success(t('demand.raised'));
    await queryClient.invalidateQueries({ queryKey: demandKeys.all });
    onRaised(demand);
  };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const names = new Map(pairing?.parties.map((p) => [p.orgId, p.orgName]));

  return (
    <FormModal<Values>
      title={t('demand.raise')}
      form={form}
      okText={t('demand.submit')}
      initialValues={{
        pairingId: fixed?.id,
        raisedByOrgId: fixed?.actingOrgIds[0],
        category: 'policy',
        urgency: 'normal',
      }}
      onSubmit={save}
      onClose={onClose}
    >
      <Form.Item name="pairingId" label={t('demand.pairing')} rules={required}>
        <PairingSelect
          disabled={fixed !== undefined}
          filters={{ state: 'active' }}
          offer={canRaise}
          onChange={(_id, picked) => {
            setPairing(picked);
            form.setFieldValue('raisedByOrgId', picked?.actingOrgIds[0]);
          }}
        />
      </Form.Item>
      <Form.Item name="raisedByOrgId" label={t('demand.raisedBy')} rules={required}>
        <Select
          disabled={!pairing}
          options={(pairing?.actingOrgIds ?? []).map((id) => ({ value: id, label: names.get(id) ?? id }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('demand.title')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('demand.description')} rules={required}>
        <Input.TextArea rows={4} maxLength={5000} />
      </Form.Item>
      <Form.Item name="category" label={t('demand.category')} rules={required}>
        <EnumSelect enumName="pairingCategory" values={PAIRING_CATEGORIES} />
      </Form.Item>
      <Form.Item name="urgency" label={t('demand.urgency')} rules={required}>
        {/* one tap on a phone */}
        <Radio.Group
          optionType="button"
          options={URGENCIES.map((u) => ({ value: u, label: t(`enums.urgency.${u}`) }))}
        />
      </Form.Item>
    </FormModal>
  );
}
