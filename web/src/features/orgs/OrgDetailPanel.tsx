import { DownloadOutlined, EditOutlined, PlusOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../../api/client';
import type { OrgDetail } from '../../../../domain/schemas/orgs';
import CommitteeTable from './CommitteeTable';
import DissolveOrgModal from './DissolveOrgModal';
import MoveOrgModal from './MoveOrgModal';
import OrgCounts from './OrgCounts';
import OrgFindings from './OrgFindings';
import OrgFormModal from './OrgFormModal';
import OrgInfo from './OrgInfo';
import OrgTerm from './OrgTerm';
import PartyGroupsTable from './PartyGroupsTable';
import { useOrgDetail } from './orgQueries';

type Dialog = 'create' | 'edit' | 'move' | 'dissolve' | null;

interface Props {
  orgId: string | null;
  /** called after a change to the tree: the organization to show next */
  onTreeChanged: (selectId: string | null) => void;
}

export default function OrgDetailPanel({ orgId, onTreeChanged }: Props) {
  const { t } = useTranslation();
  const detail = useOrgDetail(orgId);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (orgId === null)
    return (
      <Card>
        <Empty description={t('org.selectHint')} />
      </Card>
    );
  if (detail.isPending)
    return (
      <Card>
        <Spin />
      </Card>
    );
  if (detail.isError)
    return (
      <Card>
        <Result status="warning" title={detail.error.message} />
      </Card>
    );
  const org = detail.data;
  const can = (action: OrgDetail['abilities'][number]) => org.abilities.includes(action) && !org.dissolvedOn;
  const close = () => setDialog(null);

  return (
    <Card
      title={
        <Space wrap>
          <Typography.Title level={3} className="org-title">
            {org.name}
          </Typography.Title>
          <Tag color="red">{t(`enums.orgType.${org.type}`)}</Tag>
          {org.dissolvedOn && <Tag>{t('org.dissolved')}</Tag>}
        </Space>
      }
    >
      <Space wrap className="org-actions">
        {can('org.create') && (
          <Button icon={<PlusOutlined />} onClick={() => setDialog('create')}>
            {t('org.createChild')}
          </Button>
        )}
        {can('org.update') && (
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('org.edit')}
          </Button>
        )}
        {can('org.move') && (
          <Button icon={<SwapOutlined />} onClick={() => setDialog('move')}>
            {t('org.move')}
          </Button>
        )}
        {can('org.dissolve') && (
          <Button danger icon={<StopOutlined />} onClick={() => setDialog('dissolve')}>
            {t('org.dissolve')}
          </Button>
        )}
        {org.abilities.includes('export.run') && (
          <Button icon={<DownloadOutlined />} href={downloadUrl('/exports/members.xlsx', { org: org.id })}>
            {t('org.exportRoster')}
          </Button>
        )}
      </Space>
      <Space direction="vertical" size="large" className="full-width">
        <section aria-label={t('org.findings')}>
          <Typography.Title level={5}>{t('org.findings')}</Typography.Title>
          <OrgFindings findings={org.findings} />
        </section>
        <section aria-label={t('org.counts')}>
          <Typography.Title level={5}>{t('org.counts')}</Typography.Title>
          <OrgCounts org={org} />
        </section>
        <Tabs
          items={[
            { key: 'info', label: t('org.info'), children: <OrgInfo org={org} /> },
            { key: 'committee', label: t('org.committee'), children: <CommitteeTable org={org} /> },
            { key: 'groups', label: t('org.groups'), children: <PartyGroupsTable org={org} /> },
            { key: 'term', label: t('org.term'), children: <OrgTerm term={org.term} /> },
          ]}
        />
      </Space>
      {dialog === 'create' && (
        <OrgFormModal
          mode="create"
          parentId={org.id}
          onClose={close}
          onSaved={(id) => {
            close();
            onTreeChanged(id);
          }}
        />
      )}
      {dialog === 'edit' && (
        <OrgFormModal
          mode="edit"
          org={org}
          onClose={close}
          onSaved={() => {
            close();
            onTreeChanged(org.id);
          }}
        />
      )}
      {dialog === 'move' && (
        <MoveOrgModal
          org={org}
          onClose={close}
          onMoved={() => {
            close();
            onTreeChanged(org.id);
          }}
        />
      )}
      {dialog === 'dissolve' && (
        <DissolveOrgModal
          org={org}
          onClose={close}
          onDissolved={() => {
            close();
            onTreeChanged(org.id);
          }}
        />
      )}
    </Card>
  );
}
