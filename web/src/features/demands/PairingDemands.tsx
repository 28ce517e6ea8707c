import { PlusOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import ListTable from '../../components/ListTable';
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
      <ListTable<Demand>
        id="pairing-demands"
        rowKey={(d) => d.id}
        loading={list.isFetching}
        rows={list.data?.items ?? []}
        paging={{ kind: 'client', pageSize: 20 }}
        rowActions={(d) => [{ key: 'open', label: t('common.view'), onClick: () => setOpenId(d.id) }]}
        columns={[
          {
            key: 'title',
            required: true,
            title: t('demand.title'),
            dataIndex: 'title',
            render: (title: string, d) => (
              <Typography.Link onClick={() => setOpenId(d.id)}>{title}</Typography.Link>
            ),
          },
          { key: 'state', title: t('demand.state'), render: (_v, d) => <DemandTags demand={d} /> },
          { key: 'raisedBy', title: t('demand.raisedBy'), dataIndex: 'raisedByOrgName' },
          { key: 'raisedOn', title: t('demand.raisedOn'), dataIndex: 'raisedOn' },
          {
            key: 'assignedTo',
            title: t('demand.assignedTo'),
            dataIndex: 'assignedOrgName',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'dueOn',
            title: t('demand.dueOn'),
            dataIndex: 'dueOn',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'rating',
            title: t('demand.rating'),
            dataIndex: 'rating',
            render: (v: number | null) => v ?? '—',
          },
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
