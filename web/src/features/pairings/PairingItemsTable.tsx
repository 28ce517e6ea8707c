import { EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairingCategory } from '../../../../domain/pairings/enums';
import type { Pairing, PairingItem } from '../../../../domain/schemas/pairings';
import ItemFormModal from './ItemFormModal';
import { usePairingItems, type ItemKind } from './pairingQueries';
import ProjectFormModal, { type ProjectPreset } from './ProjectFormModal';

const STATUS_COLORS: Record<PairingItem['status'], string> = {
  open: 'blue',
  matched: 'green',
  closed: 'default',
};

/** One party list of a pairing (needs or resources): add, edit, and match an open one into a joint project. */
export default function PairingItemsTable({ pairing, kind }: { pairing: Pairing; kind: ItemKind }) {
  const { t } = useTranslation();
  const items = usePairingItems(pairing.id, kind);
  const [editing, setEditing] = useState<PairingItem | 'new' | null>(null);
  const [matching, setMatching] = useState<ProjectPreset | null>(null);
  const acts = (orgId: string) => pairing.actingOrgIds.includes(orgId);
  const mayMatch = pairing.actingOrgIds.length > 0 || pairing.abilities.includes('pairing.manage');

  return (
    <>
      {pairing.actingOrgIds.length > 0 && (
        <div className="toolbar">
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t(`pairing.list.add.${kind}`)}
          </Button>
        </div>
      )}
      {items.isError && <Typography.Text type="danger">{items.error.message}</Typography.Text>}
      <Table<PairingItem>
        size="small"
        rowKey="id"
        loading={items.isFetching}
        dataSource={items.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('pairing.list.org'), dataIndex: 'orgName' },
          {
            title: t('pairing.list.category'),
            dataIndex: 'category',
            render: (c: PairingCategory) => <Tag>{t(`enums.pairingCategory.${c}`)}</Tag>,
          },
          { title: t('pairing.list.title'), dataIndex: 'title' },
          {
            title: t('pairing.list.description'),
            dataIndex: 'description',
            render: (v: string | null) => <span className="pairing-text">{v ?? '—'}</span>,
          },
          {
            title: t('pairing.list.status'),
            dataIndex: 'status',
            render: (s: PairingItem['status']) => (
              <Tag color={STATUS_COLORS[s]}>{t(`enums.itemStatus.${s}`)}</Tag>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v, item) => (
              <Space size={4}>
                {acts(item.orgId) && (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => setEditing(item)}
                  />
                )}
                {mayMatch && item.status === 'open' && (
                  <Button
                    size="small"
                    icon={<LinkOutlined />}
                    onClick={() =>
                      setMatching(
                        kind === 'need'
                          ? { needId: item.id, title: item.title }
                          : { resourceId: item.id, title: item.title },
                      )
                    }
                  >
                    {t('pairing.list.match')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing !== null && (
        <ItemFormModal
          pairing={pairing}
          kind={kind}
          item={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {matching !== null && (
        <ProjectFormModal
          pairing={pairing}
          project={null}
          preset={matching}
          onClose={() => setMatching(null)}
        />
      )}
    </>
  );
}
