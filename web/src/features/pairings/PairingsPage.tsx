import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { mayDo, useMe } from '../../auth/useMe';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { useScope } from '../../layout/scope';
import { isPairingState, PAIRING_STATES, type PairingState } from '../../../../domain/pairings/enums';
import type { Pairing } from '../../../../domain/schemas/pairings';
import { currentPeriod, PAIRING_STATE_COLORS } from './format';
import PairingActions from './PairingActions';
import PairingFormModal from './PairingFormModal';
import HealthBadge from './HealthBadge';
import { usePairingList, type PairingFilters } from './pairingQueries';
import './pairings.css';
import { formatDateRange } from '../../i18n/dates';

const PAGE_SIZE = 20;

function filtersFrom(params: URLSearchParams): PairingFilters {
  const state = params.get('state');
  return {
    org: params.get('org') ?? undefined,
    coordinator: params.get('coordinator') ?? undefined,
    state: isPairingState(state) ? state : undefined,
    q: params.get('q') ?? undefined,
  };
}

/** Every pairing the user can see: parties, coordinator, validity, state and this quarter's health. */
export default function PairingsPage() {
  const { t } = useTranslation();
  const { scopeId } = useScope();
  const me = useMe();
  const navigate = useNavigate();
  // a link (a dashboard chart) may set the filters
  const [params] = useSearchParams();
  const [filters, setFiltersState] = useState<PairingFilters>(() => filtersFrom(params));
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const [creating, setCreating] = useState(false);
  const list = usePairingList(filters, cursors[page], PAGE_SIZE);
  const period = currentPeriod('quarter');

  const setFilters = (next: PairingFilters) => {
    setFiltersState(next);
    setCursors([undefined]);
    setPage(0);
  };
  const set = <K extends keyof PairingFilters>(key: K, value: PairingFilters[K] | null) =>
    setFilters({ ...filters, [key]: value ?? undefined });
  const next = () => {
    const cursor = list.data?.nextCursor;
    if (!cursor) return;
    setCursors((c) => [...c.slice(0, page + 1), cursor]);
    setPage(page + 1);
  };

  return (
    <Card
      title={t('nav.pairings')}
      extra={
        mayDo(me.data, 'pairing.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('pairing.create')}
          </Button>
        )
      }
    >
      <div className="toolbar">
        <Input.Search
          allowClear
          className="member-filter-q"
          placeholder={t('pairing.search')}
          aria-label={t('pairing.search')}
          defaultValue={filters.q}
          onSearch={(q) => set('q', q.trim() || null)}
        />
        <Select<PairingState>
          allowClear
          className="member-filter-select"
          placeholder={t('pairing.state')}
          aria-label={t('pairing.state')}
          value={filters.state}
          onChange={(v) => set('state', v)}
          options={PAIRING_STATES.map((s) => ({ value: s, label: t(`enums.pairingState.${s}`) }))}
        />
        <OrgTreeSelect
          className="member-filter-org"
          rootId={scopeId}
          value={filters.org ?? null}
          onChange={(org) => set('org', org)}
          placeholder={t('pairing.filterOrg')}
          allowClear
        />
        <OrgTreeSelect
          className="member-filter-org"
          rootId={scopeId}
          value={filters.coordinator ?? null}
          onChange={(org) => set('coordinator', org)}
          placeholder={t('pairing.coordinator')}
          allowClear
        />
      </div>
      <Table<Pairing>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('pairing.title'),
            dataIndex: 'title',
            render: (title: string, p) => <Link to={`/pairings/${p.id}`}>{title}</Link>,
          },
          {
            title: t('pairing.parties'),
            dataIndex: 'parties',
            render: (parties: Pairing['parties']) => parties.map((x) => x.orgName).join(' ⇄ '),
          },
          {
            title: t('pairing.coordinator'),
            dataIndex: 'coordinatorName',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('pairing.validity'),
            key: 'validity',
            render: (_v, p) => formatDateRange(p.validFrom, p.validTo),
          },
          {
            title: t('pairing.state'),
            dataIndex: 'state',
            render: (s: PairingState) => (
              <Tag color={PAIRING_STATE_COLORS[s]} data-state={s}>
                {t(`enums.pairingState.${s}`)}
              </Tag>
            ),
          },
          {
            title: t('pairing.healthOf', { period }),
            key: 'health',
            // computed with the list (one rule with the pairing page and the dashboard), not asked per row
            render: (_v, p) =>
              p.health ? (
                <Tooltip
                  title={t('pairing.healthFigures', {
                    held: p.health.activitiesHeld,
                    required: p.health.activitiesRequired,
                    commitments: p.health.commitmentsOverdue,
                    demands: p.health.demandsOverdue,
                  })}
                >
                  <span>
                    <HealthBadge state={p.health.state} />
                  </span>
                </Tooltip>
              ) : (
                '—'
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v, p) => <PairingActions pairing={p} size="small" />,
          },
        ]}
      />
      <div className="pager">
        <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('common.prev')}
        </Button>
        <Typography.Text>{page + 1}</Typography.Text>
        <Button disabled={!list.data?.nextCursor} onClick={next}>
          {t('common.next')}
        </Button>
      </div>
      {creating && (
        <PairingFormModal
          mode="create"
          coordinatorOrgId={filters.coordinator ?? null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            void navigate(`/pairings/${id}`);
          }}
        />
      )}
    </Card>
  );
}
