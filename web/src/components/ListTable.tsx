import { DownloadOutlined, DownOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Dropdown, Pagination, Popover, Space, Table, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { cloneElement, isValidElement, useLayoutEffect, useRef, useState, type Key, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hiddenColumns, saveHiddenColumns } from './listSettings';
import { usePhone } from './usePhone';
import './list.css';

export interface ListColumn<T> extends ColumnType<T> {
  key: string;
  title: string;
  /** a column the list cannot do without (the name, the link) is never hidden */
  required?: boolean;
}

export interface RowAction {
  key: string;
  label: ReactNode;
  onClick: () => void;
  danger?: boolean;
}

export interface BatchAction<T> {
  key: string;
  label: ReactNode;
  /** `clearSelection` once the action is done (not when it was cancelled or refused) */
  onClick: (rows: T[], clearSelection: () => void) => void;
  danger?: boolean;
}

/**
 * How the list pages: `client` when every row is loaded, `offset` with the total the server counted (page numbers
 * and a quick jump), `cursor` where the server pages by cursor (the pages seen so far, then the next one).
 */
export type Paging =
  | { kind: 'client'; pageSize: number }
  | {
      kind: 'offset';
      page: number;
      pageSize: number;
      total: number;
      /** false when the server stopped counting at a cap: the total is a lower bound (超过 N 条) */
      totalExact?: boolean;
      /** a new page size starts again at page 1 */
      onChange: (page: number, pageSize: number) => void;
    }
  | {
      kind: 'cursor';
      page: number;
      pages: number;
      hasNext: boolean;
      onPage: (page: number) => void;
      onNext: () => void;
    };

export interface ListTableProps<T> {
  /** names the list in the remembered column settings */
  id: string;
  columns: ListColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  loading?: boolean;
  paging: Paging;
  /** what may be done to one row; the first two are links, the rest under 更多 (all of them on a phone) */
  rowActions?: (row: T) => RowAction[];
  /** what may be done to the selected rows; without any, rows cannot be selected */
  batchActions?: BatchAction<T>[];
  /** whether a row may be selected for the batch actions (all rows when left out) */
  selectable?: (row: T) => boolean;
  /** the address of an export of the current filter */
  exportHref?: string;
  /** left of the column settings: the total, a note */
  summary?: ReactNode;
  onRow?: (row: T) => React.HTMLAttributes<HTMLElement>;
  /** what a row shows when opened below it (its details), for lists whose rows have more than their columns say */
  expandedRow?: (row: T) => ReactNode;
}

/**
 * The select-all box of the header. antd also renders every column title into a hidden row that measures the
 * columns (aria-hidden), where a focusable box is an accessibility fault: that copy is made inert.
 */
function SelectAll(props: { box: ReactNode; label: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (ref.current?.closest('.ant-table-measure-row')) ref.current.inert = true;
  }, []);
  return <span ref={ref}>{isValidElement<{ 'aria-label'?: string }>(props.box) ? cloneElement(props.box, { 'aria-label': props.label }) : props.box}</span>;
}

/**
 * The one list pattern: an antd Table with row actions, batch actions on a selection, page numbers with a quick jump,
 * column settings remembered per list in this browser, and the export of what the filter shows.
 */
export default function ListTable<T extends object>(props: ListTableProps<T>) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [hidden, setHidden] = useState<string[]>(() => hiddenColumns(props.id));
  const [selected, setSelected] = useState<Key[]>([]);
  const [clientPage, setClientPage] = useState({
    page: 1,
    pageSize: props.paging.kind === 'client' ? props.paging.pageSize : 20,
  });

  const toggle = (key: string, show: boolean) => {
    const next = show ? hidden.filter((k) => k !== key) : [...hidden, key];
    setHidden(next);
    saveHiddenColumns(props.id, next);
  };
  const columns: ColumnType<T>[] = props.columns.filter((c) => c.required || !hidden.includes(c.key));
  if (props.rowActions) {
    const rowActions = props.rowActions;
    columns.push({
      key: '_actions',
      title: t('common.actions'),
      // on a phone the actions fold into one menu, so the row keeps its width for what it says
      fixed: phone ? undefined : 'right',
      render: (_v, row) => {
        const actions = rowActions(row);
        const shown = phone ? [] : actions.slice(0, 2);
        const more = actions.slice(shown.length);
        return (
          <Space size={4} className="list-row-actions">
            {shown.map((a) => (
              <Typography.Link key={a.key} type={a.danger ? 'danger' : undefined} onClick={a.onClick}>
                {a.label}
              </Typography.Link>
            ))}
            {more.length > 0 && (
              <Dropdown
                menu={{
                  items: more.map((a) => ({
                    key: a.key,
                    label: a.label,
                    danger: a.danger,
                    onClick: a.onClick,
                  })),
                }}
              >
                <Typography.Link>
                  {t('list.more')} <DownOutlined />
                </Typography.Link>
              </Dropdown>
            )}
          </Space>
        );
      },
    });
  }
  const selectedRows = props.rows.filter((r) => selected.includes(props.rowKey(r)));

  const settings = (
    <Space direction="vertical" size={4}>
      {props.columns.map((c) => (
        <Checkbox
          key={c.key}
          checked={c.required || !hidden.includes(c.key)}
          disabled={c.required}
          onChange={(e) => toggle(c.key, e.target.checked)}
        >
          {c.title}
        </Checkbox>
      ))}
    </Space>
  );

  const paging = props.paging;
  return (
    <div className="list-table">
      <div className="list-table-bar">
        {props.batchActions && selectedRows.length > 0 ? (
          <Space wrap>
            <Typography.Text>{t('list.selected', { count: selectedRows.length })}</Typography.Text>
            {props.batchActions.map((a) => (
              <Button key={a.key} size="small" danger={a.danger} onClick={() => a.onClick(selectedRows, () => setSelected([]))}>
                {a.label}
              </Button>
            ))}
            <Button size="small" type="link" onClick={() => setSelected([])}>
              {t('list.clearSelection')}
            </Button>
          </Space>
        ) : (
          <span>{props.summary}</span>
        )}
        <Space>
          {props.exportHref && (
            <Button size="small" icon={<DownloadOutlined />} href={props.exportHref}>
              {t('list.export')}
            </Button>
          )}
          <Popover trigger="click" placement="bottomRight" title={t('list.columns')} content={settings}>
            <Button size="small" icon={<SettingOutlined />} aria-label={t('list.columns')} />
          </Popover>
        </Space>
      </div>
      <Table<T>
        size="small"
        rowKey={props.rowKey}
        loading={props.loading}
        dataSource={props.rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        onRow={props.onRow}
        expandable={props.expandedRow ? { expandedRowRender: props.expandedRow } : undefined}
        rowSelection={
          props.batchActions
            ? {
                selectedRowKeys: selected,
                onChange: setSelected,
                preserveSelectedRowKeys: false,
                getCheckboxProps: (row) => ({
                  disabled: props.selectable ? !props.selectable(row) : false,
                  'aria-label': t('list.selectRow', { n: props.rows.indexOf(row) + 1 }),
                }),
                columnTitle: (box) => <SelectAll box={box} label={t('list.selectAll')} />,
              }
            : undefined
        }
        pagination={
          paging.kind === 'client'
            ? {
                current: clientPage.page,
                pageSize: clientPage.pageSize,
                showQuickJumper: true,
                showSizeChanger: true,
                hideOnSinglePage: props.rows.length <= 10,
                showTotal: (total) => t('common.total', { count: total }),
                onChange: (page, pageSize) => setClientPage({ page, pageSize }),
              }
            : false
        }
      />
      {paging.kind === 'offset' && (
        <Pagination
          className="list-table-pager"
          current={paging.page}
          pageSize={paging.pageSize}
          total={paging.total}
          showQuickJumper
          showSizeChanger
          showTotal={(total) => t(paging.totalExact === false ? 'common.totalAtLeast' : 'common.total', { count: total })}
          onChange={(page, pageSize) => paging.onChange(pageSize === paging.pageSize ? page : 1, pageSize)}
        />
      )}
      {paging.kind === 'cursor' && (
        <div className="list-table-pager">
          <Pagination
            simple={false}
            current={paging.page}
            pageSize={1}
            // the pages seen so far, and one more while the server has more
            total={paging.pages + (paging.hasNext ? 1 : 0)}
            showSizeChanger={false}
            onChange={(page) => (page === paging.pages + 1 ? paging.onNext() : paging.onPage(page))}
          />
        </div>
      )}
    </div>
  );
}
