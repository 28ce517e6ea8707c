import { Alert, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../domain/imports/report';

export default function ImportReportView({
  report,
  committed,
}: {
  report: ImportReport;
  committed: boolean;
}) {
  const { t } = useTranslation();
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
          columns={[
            { title: t('import.errorRow'), dataIndex: 'row', width: 80 },
            {
              title: t('import.errorColumn'),
              dataIndex: 'column',
              width: 160,
              render: (c: string) => c || '—',
            },
            { title: t('import.errorMessage'), dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}
