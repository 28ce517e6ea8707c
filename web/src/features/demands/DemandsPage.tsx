import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { mayDo, useMe } from '../../auth/useMe';
import { downloadUrl } from '../../api/client';
import { EnumFilter, FilterBar } from '../../components/FilterBar';
import ListTable from '../../components/ListTable';
import { useListState } from '../../components/useListState';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { useScope } from '../../layout/scope';
import {
  DEMAND_STATES,
  isDemandState,
  isUrgency,
  URGENCIES,
  type DemandState,
  type Urgency,
} from '../../../../domain/pairings/enums';
import type { Demand } from '../../../../domain/schemas/pairings';
import { useOrgDetail } from '../orgs/orgQueries';
import PairingSelect from '../pairings/PairingSelect';
import AcceptDemandsModal from './AcceptDemandsModal';
import DemandBoard from './DemandBoard';
import DemandDrawer from './DemandDrawer';
import DemandTags from './DemandTags';
import DemandTransitionModal, { actionOf, isTarget, type TransitionTarget } from './DemandTransitionModal';
import { BOARD_LIMIT, useDemandList, useDemandPage, type DemandFilters } from './demandQueries';
import RaiseDemandModal from './RaiseDemandModal';
import './demands.css';

function filtersFrom(params: URLSearchParams): DemandFilters {
  const state = params.get('state');
  const urgency = params.get('urgency');
  return {
    pairing: params.get('pairing') ?? undefined,
    coordinator: params.get('coordinator') ?? undefined,
    org: params.get('org') ?? undefined,
    state: isDemandState(state) ? state : undefined,
    urgency: isUrgency(urgency) ? urgency : undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
  };
}

/**
 * The demands of the user's pairings: a list (moves as row actions, accepting several at once, the filter's export) or
 * a board by state; raise one, open one to move it on.
 */
export default function DemandsPage() {
  const { t } = useTranslation();
  const { scopeId } = useScope();
  const me = useMe();
  // a link (a notification, a dashboard chart) may name the demand to open and the filters
  const [params, setParams] = useSearchParams();
  const { filters, setFilters, set, offset, limit, paging } = useListState<DemandFilters>(() => filtersFrom(params));
  const [view, setView] = useState<'list' | 'board'>('list');
  const [raising, setRaising] = useState(false);
  const [moving, setMoving] = useState<{ demand: Demand; to: TransitionTarget } | null>(null);
  const [accepting, setAccepting] = useState<{ rows: Demand[]; done: () => void } | null>(null);
  const list = useDemandPage(filters, offset, limit, view === 'list');
  const board = useDemandList(filters, view === 'board');
  // set by a link from the coordinator's dashboard
  const coordinatorOrg = useOrgDetail(filters.coordinator ?? null);
  const openId = params.get('demand');
  const open = (id: string | null) =>
    setParams(
      (p) => {
        if (id) p.set('demand', id);
        else p.delete('demand');
        return p;
      },
      { replace: true },
    );
  const boardItems = board.data?.items ?? [];
  const shown = view === 'list' ? list : board;

  return (
    <Card
      title={t('nav.demands')}
      extra={
        mayDo(me.data, 'pairing.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>
            {t('demand.raise')}
          </Button>
        )
      }
    >
      <FilterBar
        className="demand-filters"
        active={Object.values(filters).some((v) => v !== undefined)}
        onReset={() => setFilters({})}
      >
        <Segmented<'list' | 'board'>
          aria-label={t('demand.view.label')}
          value={view}
          onChange={setView}
          options={[
            { value: 'list', label: t('demand.view.list') },
            { value: 'board', label: t('demand.view.board') },
          ]}
        />
        <PairingSelect
          allowClear
          className="member-filter-org"
          placeholder={t('demand.pairing')}
          aria-label={t('demand.pairing')}
          value={filters.pairing ?? null}
          onChange={(id) => set('pairing', id)}
        />
        <EnumFilter<DemandState>
          label={t('demand.state')}
          values={DEMAND_STATES}
          labelKey="enums.demandState"
          value={filters.state}
          onChange={(v) => set('state', v)}
        />
        <EnumFilter<Urgency>
          label={t('demand.urgency')}
          values={URGENCIES}
          labelKey="enums.urgency"
          value={filters.urgency}
          onChange={(v) => set('urgency', v)}
        />
        <OrgTreeSelect
          className="member-filter-org"
          rootId={scopeId}
          value={filters.org ?? null}
          onChange={(org) => set('org', org)}
          placeholder={t('demand.org')}
          allowClear
        />
        {filters.coordinator && (
          <Tag closable onClose={() => set('coordinator', null)}>
            {t('demand.coordinatedBy', { name: coordinatorOrg.data?.name ?? '…' })}
          </Tag>
        )}
        <Checkbox
          checked={filters.overdue === true}
          onChange={(e) => set('overdue', e.target.checked || null)}
        >
          {t('demand.overdueOnly')}
        </Checkbox>
      </FilterBar>
      {shown.isError && <Alert type="error" showIcon message={shown.error.message} />}
      {view === 'board' ? (
        <>
          {boardItems.length >= BOARD_LIMIT && (
            <Alert type="info" showIcon message={t('demand.limited', { count: BOARD_LIMIT })} />
          )}
          <DemandBoard demands={boardItems} onOpen={open} />
        </>
      ) : (
        <ListTable<Demand>
          id="demands"
          rowKey={(d) => d.id}
          loading={list.isFetching}
          rows={list.data?.items ?? []}
          onRow={(d) => ({ onDoubleClick: () => open(d.id) })}
          paging={paging(list.data)}
          exportHref={downloadUrl('/exports/demands.xlsx', { ...filters })}
          batchActions={
            mayDo(me.data, 'pairing.manage')
              ? [
                  {
                    key: 'accept',
                    label: t('demand.acceptSelected'),
                    onClick: (rows, done) => setAccepting({ rows, done }),
                  },
                ]
              : undefined
          }
          selectable={(d) => d.allowed.includes('accepted')}
          rowActions={(d) => [
            { key: 'open', label: t('common.view'), onClick: () => open(d.id) },
            // the moves the server says the user may make now
            ...d.allowed.filter(isTarget).map((to) => ({
              key: to,
              label: t(`demand.action.${actionOf(to, d)}`),
              danger: to === 'reopened',
              onClick: () => setMoving({ demand: d, to }),
            })),
          ]}
          columns={[
            {
              key: 'title',
              required: true,
              title: t('demand.title'),
              dataIndex: 'title',
              render: (title: string, d) => (
                <Typography.Link className="list-title" onClick={() => open(d.id)}>
                  {title}
                </Typography.Link>
              ),
            },
            { key: 'state', title: t('demand.state'), render: (_v, d) => <DemandTags demand={d} /> },
            { key: 'pairing', responsive: ['md'], title: t('demand.pairing'), dataIndex: 'pairingTitle' },
            {
              key: 'raisedBy',
              responsive: ['md'],
              title: t('demand.raisedBy'),
              dataIndex: 'raisedByOrgName',
            },
            // a phone shows the title, the state and the actions
            { key: 'raisedOn', responsive: ['md'], title: t('demand.raisedOn'), dataIndex: 'raisedOn' },
            {
              key: 'assignedTo',
              responsive: ['md'],
              title: t('demand.assignedTo'),
              render: (_v, d) =>
                d.assignedOrgName
                  ? `${d.assignedOrgName}${d.assigneeName ? ` · ${d.assigneeName}` : ''}`
                  : '—',
            },
            {
              key: 'dueOn',
              responsive: ['md'],
              title: t('demand.dueOn'),
              dataIndex: 'dueOn',
              render: (v: string | null) => v ?? '—',
            },
            {
              key: 'rating',
              responsive: ['md'],
              title: t('demand.rating'),
              dataIndex: 'rating',
              render: (v: number | null) => v ?? '—',
            },
          ]}
        />
      )}
      <DemandDrawer demandId={openId} onClose={() => open(null)} />
      {moving && (
        <DemandTransitionModal demand={moving.demand} to={moving.to} onClose={() => setMoving(null)} />
      )}
      {accepting && (
        <AcceptDemandsModal
          demands={accepting.rows}
          onAccepted={accepting.done}
          onClose={() => setAccepting(null)}
        />
      )}
      {raising && (
        <RaiseDemandModal
          onClose={() => setRaising(false)}
          onRaised={(d) => {
            setRaising(false);
            open(d.id);
          }}
        />
      )}
    </Card>
  );
}
