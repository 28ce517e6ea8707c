import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Demand, Pairing } from '../../../../domain/schemas/pairings';
import DemandDrawer from './DemandDrawer';
import DemandTags from './DemandTags';
import { useDemandList } from './demandQueries';
import RaiseDemandModal from './RaiseDemandModal';
import './demands.css';

/** The demands of one pairing, on its page; a party the user acts for can raise one. */
export default function PairingDemands({ pairing }: { pairing: Pairing }) {
  const { t } = useTranslation();
  const list = useDemandList({ pairing: pairing.id });
  const [openId, setOpenId] = useState<string | null>(null);
  const [raising, setRaising] = useState(false);

  return (
    <>
      {pairing.state === 'active' && pairing.actingOrgIds.length > 0 && (
        <div className="toolbar">
          <Button icon={<PlusOutlined />} onClick={() => setRaising(true)}>
            {t('demand.raise')}
          </Button>
        </div>
      )}
      {list.isError && <Typography.Text type="danger">{list.error.message}</Typography.Text>}
      <Table<Demand>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('demand.title'),
            dataIndex: 'title',
            render: (title: string, d) => (
              <Typography.Link onClick={() => setOpenId(d.id)}>{title}</Typography.Link>
            ),
          },
          { title: t('demand.state'), key: 'tags', render: (_v, d) => <DemandTags demand={d} /> },
          { title: t('demand.raisedBy'), dataIndex: 'raisedByOrgName' },
          { title: t('demand.raisedOn'), dataIndex: 'raisedOn' },
          {
            title: t('demand.assignedTo'),
            dataIndex: 'assignedOrgName',
            render: (v: string | null) => v ?? '—',
          },
          { title: t('demand.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => v ?? '—' },
          { title: t('demand.rating'), dataIndex: 'rating', render: (v: number | null) => v ?? '—' },
        ]}
      />
      <DemandDrawer demandId={openId} onClose={() => setOpenId(null)} />
      {raising && (
        <RaiseDemandModal
          pairing={pairing}
          onClose={() => setRaising(false)}
          onRaised={(d) => {
            setRaising(false);
            setOpenId(d.id);
          }}
        />
      )}
    </>
  );
}
