import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { JointProject, Pairing } from '../../../../domain/schemas/pairings';
import { useJointProjects } from './pairingQueries';
import ProjectFormModal from './ProjectFormModal';

const STATUS_COLORS: Record<JointProject['status'], string> = {
  planned: 'blue',
  in_progress: 'geekblue',
  done: 'green',
  cancelled: 'default',
};

/** The joint projects of a pairing, each with the need and the resource it joins. */
export default function JointProjectsTable({ pairing }: { pairing: Pairing }) {
  const { t } = useTranslation();
  const projects = useJointProjects(pairing.id);
  const [editing, setEditing] = useState<JointProject | 'new' | null>(null);
  const mayEdit = pairing.actingOrgIds.length > 0 || pairing.abilities.includes('pairing.manage');

  return (
    <>
      {mayEdit && (
        <div className="toolbar">
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('pairing.project.create')}
          </Button>
        </div>
      )}
      {projects.isError && <Typography.Text type="danger">{projects.error.message}</Typography.Text>}
      <Table<JointProject>
        size="small"
        rowKey="id"
        loading={projects.isFetching}
        dataSource={projects.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('pairing.project.title'), dataIndex: 'title' },
          {
            title: t('pairing.project.need'),
            dataIndex: 'needTitle',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('pairing.project.resource'),
            dataIndex: 'resourceTitle',
            render: (v: string | null, p) => (
              <>
                {v ?? '—'}
                {p.resourcePairingId && p.resourcePairingId !== pairing.id && (
                  <Link to={`/pairings/${p.resourcePairingId}`}> {t('pairing.project.otherPairing')}</Link>
                )}
              </>
            ),
          },
          {
            title: t('pairing.project.owners'),
            dataIndex: 'owners',
            render: (owners: JointProject['owners']) => owners.map((o) => o.name).join('、') || '—',
          },
          { title: t('pairing.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => v ?? '—' },
          {
            title: t('pairing.list.status'),
            dataIndex: 'status',
            render: (s: JointProject['status'], p) => (
              <>
                <Tag color={STATUS_COLORS[s]}>{t(`enums.projectStatus.${s}`)}</Tag>
                {p.doneOn}
              </>
            ),
          },
          {
            title: t('pairing.project.outcome'),
            dataIndex: 'outcome',
            render: (v: string | null) => <span className="pairing-text">{v ?? '—'}</span>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v, p) =>
              mayEdit && (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => setEditing(p)}
                />
              ),
          },
        ]}
      />
      {editing !== null && (
        <ProjectFormModal
          pairing={pairing}
          project={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
