import { CloseOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Form, Result, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import FormModal from '../../components/FormModal';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import type { PairingBulk, PairingMatrix } from '../../../../domain/schemas/pairings';
import { applyServerErrors } from '../../components/serverErrors';
import { currentPeriod, HEALTH_COLORS, PAIRING_STATE_COLORS } from './format';
import MatrixTemplateFields, { templateBody, type TemplateValues } from './MatrixTemplateFields';
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
// the template's fields are sent under `template`
const templateField = (field: string) => field.replace(/^template\./, '');

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
  const [templateOpen, setTemplateOpen] = useState(false);

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

  const create = async (values: TemplateValues) => {
    setCellErrors(new Map());
    const body: PairingBulk = { coordinatorOrgId: coordinator, pairs, template: templateBody(values) };
    let result: { items: unknown[] };
    try {
      result = await api<{ items: unknown[] }>('/pairings/bulk', { method: 'POST', body });
    } catch (error) {
      const { byCell, rest } = splitPairErrors(error, pairs);
      setCellErrors(byCell);
      if (byCell.size === 0) throw error;
      // the refused pairs are named above the template (and marked in the matrix); the template's own errors still go under its fields
      const nameOf = new Map([...rows, ...columns].map((o) => [o.orgId, o.orgName]));
      const refused = [...byCell].map(([key, messages]) => {
        const [row = '', column = ''] = key.split('|');
        const pair = t('pairing.matrix.pair', {
          row: nameOf.get(row) ?? row,
          column: nameOf.get(column) ?? column,
        });
        return `${pair}：${messages.join('；')}`;
      });
      const unmatched = rest === null ? [] : applyServerErrors(form, rest, [['commitments']], templateField);
      throw new Error(
        [t('pairing.matrix.pairErrors', { count: byCell.size }), ...refused, ...unmatched].join('；'),
        { cause: error },
      );
    }
    void message.success(t('pairing.matrix.created', { count: result.items.length }));
    setTicked(new Set());
    setTemplateOpen(false);
    await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
  };

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
      <div className="toolbar matrix-submit">
        <Button type="primary" disabled={pairs.length === 0} onClick={() => setTemplateOpen(true)}>
          {t('pairing.matrix.submit', { count: pairs.length })}
        </Button>
      </div>
      {templateOpen && (
        <FormModal<TemplateValues>
          title={t('pairing.matrix.template')}
          // as wide as the pairing form, whose agreement fields and commitments it shares
          width={1000}
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
          okText={t('pairing.matrix.submit', { count: pairs.length })}
          errorFields={[['commitments']]}
          renameField={templateField}
          onSubmit={create}
          onClose={() => setTemplateOpen(false)}
        >
          <MatrixTemplateFields />
        </FormModal>
      )}
    </>
  );
}
