import { App, Form, Input, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import EnumSelect from '../../components/EnumSelect';
import { PAIRING_CATEGORIES, type PairingCategory } from '../../../../domain/pairings/enums';
import {
  ITEM_STATUSES,
  type ItemCreate,
  type ItemPatch,
  type Pairing,
  type PairingItem,
} from '../../../../domain/schemas/pairings';
import FormModal from '../../components/FormModal';
import { ITEM_PATHS, pairingKeys, pairingPath, partyNames, type ItemKind } from './pairingQueries';

interface Values {
  orgId: string;
  category: PairingCategory;
  title: string;
  description?: string | null;
  status?: PairingItem['status'];
}

/** Adds or edits a need or a resource of one of the parties the user acts for. */
export default function ItemFormModal({
  pairing,
  kind,
  item,
  onClose,
}: {
  pairing: Pairing;
  kind: ItemKind;
  item: PairingItem | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const names = partyNames(pairing);
  const base = `${pairingPath(pairing.id)}/${ITEM_PATHS[kind]}`;
  const required = [{ required: true, message: t('common.required') }];

  const save = async (v: Values) => {
    const description = v.description?.trim() || null;
    if (item) {
      const body: ItemPatch = { category: v.category, title: v.title.trim(), description, status: v.status };
      await api<PairingItem>(`${base}/${encodeURIComponent(item.id)}`, { method: 'PATCH', body });
    } else {
      const body: ItemCreate = { orgId: v.orgId, category: v.category, title: v.title.trim(), description };
      await api<PairingItem>(base, { method: 'POST', body });
    }
    void message.success(t('common.saved'));
    await queryClient.invalidateQueries({ queryKey: pairingKeys.items(pairing.id, kind) });
    onClose();
  };

  return (
    <FormModal<Values>
      title={t(item ? `pairing.list.edit.${kind}` : `pairing.list.add.${kind}`)}
      form={form}
      onClose={onClose}
      onSubmit={save}
      initialValues={
        item
          ? { orgId: item.orgId, category: item.category, title: item.title, description: item.description, status: item.status }
          : { orgId: pairing.actingOrgIds[0], category: 'policy' }
      }
    >
      <Form.Item name="orgId" label={t('pairing.list.org')} rules={required}>
        <Select
          disabled={item !== null}
          options={(item ? [item.orgId] : pairing.actingOrgIds).map((id) => ({
            value: id,
            label: names.get(id) ?? id,
          }))}
        />
      </Form.Item>
      <Form.Item name="category" label={t('pairing.list.category')} rules={required}>
        <EnumSelect enumName="pairingCategory" values={PAIRING_CATEGORIES} />
      </Form.Item>
      <Form.Item name="title" label={t('pairing.list.title')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('pairing.list.description')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      {item && (
        <Form.Item name="status" label={t('pairing.list.status')}>
          <EnumSelect enumName="itemStatus" values={ITEM_STATUSES} />
        </Form.Item>
      )}
    </FormModal>
  );
}
