import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { mayDo, useMe } from '../../auth/useMe';
import { EnumFilter, FilterBar } from '../../components/FilterBar';
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
import { useOrgDetail } from '../orgs/orgQueries';
import PairingSelect from '../pairings/PairingSelect';
import DemandBoard from './DemandBoard';
import DemandDrawer from './DemandDrawer';
import { BOARD_LIMIT, useDemandList, type DemandFilters } from './demandQueries';
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

/** The demands of the user's pairings on a board by state; raise one, open one to move it on. */
export default function DemandsPage() {
  const { t } = useTranslation();
  const { scopeId } = useScope();
  const me = useMe();
  // a link (a notification, a dashboard chart) may name the demand to open and the filters
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<DemandFilters>(() => filtersFrom(params));
  const [raising, setRaising] = useState(false);
  const list = useDemandList(filters);
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
  const set = <K extends keyof DemandFilters>(key: K, value: DemandFilters[K] | null) =>
    setFilters({ ...filters, [key]: value ?? undefined });
  const items = list.data?.items ?? [];

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
      {list.isError && <Alert type="error" showIcon message={list.error.message} />}
      {items.length >= BOARD_LIMIT && (
        <Alert type="info" showIcon message={t('demand.limited', { count: BOARD_LIMIT })} />
      )}
      <DemandBoard demands={items} onOpen={open} />
      <DemandDrawer demandId={openId} onClose={() => open(null)} />
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
