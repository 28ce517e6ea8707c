import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Tag, Tooltip } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, downloadUrl } from '../../api/client';
import { mayDo, useMe } from '../../auth/useMe';
import { EnumFilter, FilterBar } from '../../components/FilterBar';
import FormModal from '../../components/FormModal';
import ListTable from '../../components/ListTable';
import { useListState } from '../../components/useListState';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { batchRefusals } from '../../components/serverErrors';
import { useScope } from '../../layout/scope';
import { isPairingState, PAIRING_STATES, type PairingState } from '../../../../domain/pairings/enums';
import type { Pairing, PairingRemind } from '../../../../domain/schemas/pairings';
import { currentPeriod, PAIRING_STATE_COLORS } from './format';
import { usePairingActions } from './PairingActions';
import PairingFormModal from './PairingFormModal';
import HealthBadge from './HealthBadge';
import { pairingKeys, usePairingList, type PairingFilters } from './pairingQueries';
import './pairings.css';
import { formatDateRange } from '../../i18n/dates';

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
  const { message } = App.useApp();
  const { scopeId } = useScope();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // a link (a dashboard chart) may set the filters
  const [params] = useSearchParams();
  const { filters, setFilters, set, offset, limit, paging } = useListState<PairingFilters>(() => filtersFrom(params));
  const [creating, setCreating] = useState(false);
  const [reminding, setReminding] = useState<Pairing[] | null>(null);
  const [remindForm] = Form.useForm<{ note: string }>();
  const list = usePairingList(filters, offset, limit);
  const { actionsFor, dialogs } = usePairingActions();
  const period = currentPeriod('quarter');
  const rows = list.data?.items ?? [];


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
      <FilterBar active={Object.values(filters).some((v) => v !== undefined)} onReset={() => setFilters({})}>
        <Input.Search
          key={filters.q === undefined ? 'empty' : 'q'}
          allowClear
          className="member-filter-q"
          placeholder={t('pairing.search')}
          aria-label={t('pairing.search')}
          defaultValue={filters.q}
          onSearch={(q) => set('q', q.trim() || null)}
        />
        <EnumFilter<PairingState>
          label={t('pairing.state')}
          values={PAIRING_STATES}
          labelKey="enums.pairingState"
          value={filters.state}
          onChange={(v) => set('state', v)}
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
      </FilterBar>
      <ListTable<Pairing>
        id="pairings"
        rowKey={(p) => p.id}
        loading={list.isFetching}
        rows={rows}
        paging={paging(list.data)}
        exportHref={downloadUrl('/pairings/export.xlsx', { ...filters })}
        rowActions={(p) => [
          { key: 'open', label: t('common.view'), onClick: () => void navigate(`/pairings/${p.id}`) },
          ...actionsFor(p),
        ]}
        // 催办 is for whoever keeps some of these agreements; the server refuses the rest, naming them
        batchActions={
          rows.some((p) => p.abilities.includes('pairing.manage'))
            ? [{ key: 'remind', label: t('pairing.remind'), onClick: (selected) => setReminding(selected) }]
            : undefined
        }
        columns={[
          {
            key: 'title',
            required: true,
            title: t('pairing.title'),
            dataIndex: 'title',
            // wrapped, so this quarter's health stays in view beside it (on a phone too)
            render: (title: string, p) => (
              <Link to={`/pairings/${p.id}`} className="list-title">
                {title}
              </Link>
            ),
          },
          {
            key: 'parties',
            // the title names the parties already; their own column where the screen is wide
            responsive: ['xxl'],
            title: t('pairing.parties'),
            dataIndex: 'parties',
            render: (parties: Pairing['parties']) => parties.map((x) => x.orgName).join(' ⇄ '),
          },
          {
            key: 'coordinator',
            responsive: ['md'],
            title: t('pairing.coordinator'),
            dataIndex: 'coordinatorName',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'validity',
            responsive: ['lg'],
            title: t('pairing.validity'),
            render: (_v, p) => formatDateRange(p.validFrom, p.validTo),
          },
          {
            key: 'state',
            // a phone keeps the title and this quarter's health in view without scrolling sideways
            responsive: ['md'],
            title: t('pairing.state'),
            dataIndex: 'state',
            render: (s: PairingState) => (
              <Tag color={PAIRING_STATE_COLORS[s]} data-state={s}>
                {t(`enums.pairingState.${s}`)}
              </Tag>
            ),
          },
          {
            key: 'health',
            title: t('pairing.healthOf', { period }),
            // narrow on a phone (pairings.css): its heading wraps instead of pushing the column out of view
            className: 'pairing-list-health',
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
        ]}
      />
      {dialogs}
      {reminding && (
        <FormModal<{ note: string }>
          title={t('pairing.remindTitle', { count: reminding.length })}
          form={remindForm}
          okText={t('pairing.remind')}
          onClose={() => setReminding(null)}
          onSubmit={async ({ note }) => {
            const body: PairingRemind = { ids: reminding.map((p) => p.id), note: note.trim() };
            await api('/pairings/remind', { method: 'POST', body }).catch((error: unknown) => {
              throw batchRefusals(error, reminding.map((p) => p.title));
            });
            void message.success(t('pairing.reminded', { count: reminding.length }));
            await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
            setReminding(null);
          }}
        >
          <Form.Item
            name="note"
            label={t('pairing.remindNote')}
            extra={reminding.map((p) => p.title).join('、')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </FormModal>
      )}
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
