import { CloseOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Result,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import type { PairingBulk, PairingMatrix } from '../../../../domain/schemas/pairings';
import { applyServerErrors } from '../../components/serverErrors';
import { currentPeriod, HEALTH_COLORS, PAIRING_STATE_COLORS } from './format';
import MatrixTemplateForm, { templateBody, type TemplateValues } from './MatrixTemplateForm';
import { pairingKeys, useOrgNames, usePairingMatrix } from './pairingQueries';
import { useCoordinator } from './useCoordinator';
import './pairings.css';

type Cell = PairingMatrix['cells'][number];
interface OrgRef {
  orgId: string;
  orgName: string;
}

const cellKey = (rowOrgId: string, columnOrgId: string) => `${rowOrgId}|${columnOrgId}`;
const PAIR_FIELD = /^\/?pairs[./](\d+)/;

/** The errors of a bulk creation by the cell of their pair, and the error without them (null when nothing is left). */
function splitPairErrors(error: unknown, pairs: { rowOrgId: string; columnOrgId: string }[]) {
  const byCell = new Map<string, string[]>();
  if (!(error instanceof ApiError)) return { byCell, rest: error };
  const others = [];
  for (const f of error.fieldErrors) {
    const index = PAIR_FIELD.exec(f.field)?.[1];
    const pair = index === undefined ? undefined : pairs[Number(index)];
    if (!pair) {
      others.push(f);
      continue;
    }
    const key = cellKey(pair.rowOrgId, pair.columnOrgId);
    byCell.set(key, [...(byCell.get(key) ?? []), f.message]);
  }
  if (byCell.size === 0) return { byCell, rest: error };
  return {
    byCell,
    rest:
      others.length > 0 ? new ApiError(error.status, error.code, error.message, others, error.body) : null,
  };
}

/** The coordinator's pairings as organ rows × enterprise columns: tick new pairs and create them from one template. */
export default function PairingMatrixPage() {
  const { t } = useTranslation();
  const [coordinator, setCoordinator] = useCoordinator();
  return (
    <Card title={t('nav.pairingMatrix')}>
      <div className="toolbar">
        <Typography.Text>{t('pairing.coordinator')}</Typography.Text>
        <OrgTreeSelect
          className="member-filter-org"
          value={coordinator}
          onChange={setCoordinator}
          placeholder={t('pairing.coordinator')}
        />
      </div>
      {coordinator ? (
        <MatrixEditor key={coordinator} coordinator={coordinator} />
      ) : (
        <Result status="info" title={t('pairing.pickCoordinator')} />
      )}
    </Card>
  );
}

function MatrixEditor({ coordinator }: { coordinator: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const period = currentPeriod('quarter');
  const matrix = usePairingMatrix(coordinator, period);
  const [form] = Form.useForm<TemplateValues>();
  const [addedRows, setAddedRows] = useState<string[]>([]);
  const [addedColumns, setAddedColumns] = useState<string[]>([]);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [cellErrors, setCellErrors] = useState<Map<string, string[]>>(new Map());
  const [otherErrors, setOtherErrors] = useState<string[]>([]);

  const known = new Map(
    [...(matrix.data?.rows ?? []), ...(matrix.data?.columns ?? [])].map((o) => [o.orgId, o.orgName]),
  );
  const names = useOrgNames([...addedRows, ...addedColumns], known);
  const withAdded = (existing: OrgRef[], added: string[]): OrgRef[] => [
    ...existing,
    ...added
      .filter((id) => !existing.some((o) => o.orgId === id))
      .map((orgId) => ({ orgId, orgName: names.get(orgId) ?? '…' })),
  ];
  const rows = withAdded(matrix.data?.rows ?? [], addedRows);
  const columns = withAdded(matrix.data?.columns ?? [], addedColumns);
  const cells = new Map<string, Cell>(
    (matrix.data?.cells ?? []).map((c) => [cellKey(c.rowOrgId, c.columnOrgId), c]),
  );
  const pairs = [...ticked].map((k) => {
    const [rowOrgId = '', columnOrgId = ''] = k.split('|');
    return { rowOrgId, columnOrgId };
  });

  const toggle = (key: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const create = useMutation({
    mutationFn: (values: TemplateValues) => {
      const body: PairingBulk = { coordinatorOrgId: coordinator, pairs, template: templateBody(values) };
      return api<{ items: unknown[] }>('/pairings/bulk', { method: 'POST', body });
    },
    onSuccess: async (result) => {
      void message.success(t('pairing.matrix.created', { count: result.items.length }));
      setTicked(new Set());
      await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
    },
    onError: (error) => {
      const { byCell, rest } = splitPairErrors(error, pairs);
      // errors of the template go under its fields
      const unmatched =
        rest === null
          ? []
          : applyServerErrors(form, rest, [['commitments']], (field) =>
              field.replace(/^template\./, ''),
            );
      setCellErrors(byCell);
      setOtherErrors(
        byCell.size > 0 ? [t('pairing.matrix.pairErrors', { count: byCell.size }), ...unmatched] : unmatched,
      );
    },
  });

  // an organization added here can be taken out again until it has a pairing in the matrix
  const removable = (id: string, added: string[], setAdded: (ids: string[]) => void) =>
    added.includes(id) &&
    !(matrix.data?.cells ?? []).some((c) => c.rowOrgId === id || c.columnOrgId === id) && (
      <Button
        size="small"
        type="text"
        icon={<CloseOutlined />}
        aria-label={t('pairing.matrix.remove', { name: names.get(id) ?? id })}
        onClick={() => {
          setAdded(added.filter((x) => x !== id));
          setTicked((current) => new Set([...current].filter((k) => !k.split('|').includes(id))));
        }}
      />
    );

  const renderCell = (row: OrgRef, column: OrgRef) => {
    const key = cellKey(row.orgId, column.orgId);
    const cell = cells.get(key);
    if (cell) {
      return (
        <Link
          to={`/pairings/${cell.pairingId}`}
          className="matrix-cell-pairing"
          style={{ borderColor: cell.health ? HEALTH_COLORS[cell.health] : undefined }}
          title={cell.title}
          data-health={cell.health ?? undefined}
        >
          <Tag color={PAIRING_STATE_COLORS[cell.state]}>{t(`enums.pairingState.${cell.state}`)}</Tag>
          {cell.health && (
            <span className="matrix-health-dot" style={{ background: HEALTH_COLORS[cell.health] }} />
          )}
          {cell.health && <span className="matrix-health-text">{t(`enums.healthState.${cell.health}`)}</span>}
        </Link>
      );
    }
    const errors = cellErrors.get(key);
    return (
      <Tooltip title={errors?.join('；')}>
        <Checkbox
          checked={ticked.has(key)}
          onChange={(e) => toggle(key, e.target.checked)}
          aria-label={t('pairing.matrix.pair', { row: row.orgName, column: column.orgName })}
          className={errors ? 'matrix-cell-error' : undefined}
        />
      </Tooltip>
    );
  };

  if (matrix.isError)
    return <Result status="error" title={t('common.error')} subTitle={matrix.error.message} />;

  return (
    <>
      <div className="toolbar">
        {/* remounted after each pick, so the picker is empty again */}
        <OrgTreeSelect
          key={`rows-${addedRows.length}`}
          className="member-filter-org"
          rootId={coordinator}
          value={null}
          onChange={(id) => id && !addedRows.includes(id) && setAddedRows([...addedRows, id])}
          placeholder={t('pairing.matrix.addRow')}
        />
        <OrgTreeSelect
          key={`columns-${addedColumns.length}`}
          className="member-filter-org"
          rootId={coordinator}
          value={null}
          onChange={(id) => id && !addedColumns.includes(id) && setAddedColumns([...addedColumns, id])}
          placeholder={t('pairing.matrix.addColumn')}
        />
        <Typography.Text type="secondary">{t('pairing.matrix.legend', { period })}</Typography.Text>
      </div>
      <Table<OrgRef>
        size="small"
        bordered
        rowKey="orgId"
        loading={matrix.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        className="pairing-matrix"
        locale={{ emptyText: t('pairing.matrix.empty') }}
        columns={[
          {
            title: t('pairing.matrix.rows'),
            key: 'row',
            fixed: 'left',
            render: (_v, row) => (
              <Space size={2}>
                {row.orgName}
                {removable(row.orgId, addedRows, setAddedRows)}
              </Space>
            ),
          },
          ...columns.map((column) => ({
            title: (
              <Space size={2}>
                {column.orgName}
                {removable(column.orgId, addedColumns, setAddedColumns)}
              </Space>
            ),
            key: column.orgId,
            align: 'center' as const,
            render: (_v: unknown, row: OrgRef) => renderCell(row, column),
          })),
        ]}
      />
      <Typography.Title level={5} className="pairing-section">
        {t('pairing.matrix.template')}
      </Typography.Title>
      {otherErrors.length > 0 && (
        <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />
      )}
      <MatrixTemplateForm
        form={form}
        initialValues={{
          title: t('pairing.matrix.defaultTitle'),
          validFrom: dayjs().format('YYYY-MM-DD'),
          validTo: dayjs().add(3, 'year').subtract(1, 'day').format('YYYY-MM-DD'),
          signedOn: dayjs().format('YYYY-MM-DD'),
          state: 'active',
          frequency: { min: 1, per: 'quarter' },
          plaque: {},
          commitments: [],
        }}
        onFinish={(values) => {
          setOtherErrors([]);
          setCellErrors(new Map());
          create.mutate(values);
        }}
      />
      <div className="toolbar matrix-submit">
        <Button
          type="primary"
          disabled={pairs.length === 0}
          loading={create.isPending}
          onClick={() => form.submit()}
        >
          {t('pairing.matrix.submit', { count: pairs.length })}
        </Button>
      </div>
    </>
  );
}
