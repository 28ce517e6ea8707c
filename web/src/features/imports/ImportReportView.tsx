import { Alert, Space, Statistic, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../domain/imports/report';
import { usePhone } from '../../components/usePhone';

export default function ImportReportView({
  report,
  committed,
}: {
  report: ImportReport;
  committed: boolean;
}) {
  const { t } = useTranslation();
  const phone = usePhone();
  const rowColumn: ColumnsType<ImportReport['errors'][number]> = [
    { title: t('import.errorRow'), dataIndex: 'row', width: 80 },
    {
      title: t('import.errorColumn'),
      dataIndex: 'column',
      width: 160,
      render: (c: string) => c || '—',
    },
  ];
  // on a phone the row and the column share one narrow cell, so the reason keeps the width
  const where: ColumnsType<ImportReport['errors'][number]> = phone
    ? [
        {
          title: `${t('import.errorRow')} · ${t('import.errorColumn')}`,
          key: 'where',
          width: 96,
          render: (_: unknown, e) => (
            <>
              {e.row}
              <br />
              {e.column || '—'}
            </>
          ),
        },
      ]
    : rowColumn;
  const errorCount = report.errors.length + report.fileErrors.length;
  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Space size="large" wrap>
        <Statistic title={t('import.created')} value={report.created} />
        <Statistic title={t('import.updated')} value={report.updated} />
        <Statistic title={t('import.unchanged')} value={report.unchanged} />
        <Statistic
          title={t('import.errors')}
          value={errorCount}
          valueStyle={errorCount ? { color: '#cf1322' } : undefined}
        />
      </Space>
      {report.notices.length > 0 && (
        <Alert
          type="info"
          showIcon
          message={t('import.notices')}
          description={
            <ul className="import-notices">
              {report.notices.map((n) => (
                <li key={`${n.code}-${n.column}`}>{n.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {report.fileErrors.map((message) => (
        <Alert key={message} type="error" showIcon message={message} />
      ))}
      {errorCount > 0 ? (
        <Alert type="error" showIcon message={t('import.hasErrors', { count: errorCount })} />
      ) : (
        <Alert type="success" showIcon message={committed ? t('import.done') : t('import.noErrors')} />
      )}
      {report.errors.length > 0 && (
        <Table
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={report.errors}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          aria-label={t('import.errors')}
          columns={[...where, { title: t('import.errorMessage'), dataIndex: 'message' }]}
        />
      )}
    </Space>
  );
}
