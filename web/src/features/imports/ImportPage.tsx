import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Radio, Space, Steps, Upload } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, downloadUrl } from '../../api/client';
import type { ImportKind } from '../../../../domain/imports/headers';
import type { ImportReport } from '../../../../domain/imports/report';
import ImportColumnMapper, { type ColumnMapping } from './ImportColumnMapper';
import ImportProgress from './ImportProgress';
import ImportReportView from './ImportReportView';

/** A rejected import (422) still carries its report: the row errors to show. */
function reportOf(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const body = error.body as Partial<ImportReport> | undefined;
  return body && Array.isArray(body.errors) && Array.isArray(body.fileErrors) ? (body as ImportReport) : null;
}

interface Run {
  file: File;
  dryRun: boolean;
  jobId: string;
}

export default function ImportPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('members');
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState(0);
  const [report, setReport] = useState<{ report: ImportReport; committed: boolean } | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});

  const run = useMutation({
    mutationFn: ({ file: chosen, dryRun, jobId }: Run) => {
      // The fields come before the file so the server knows what it reads before the rows arrive.
      const form = new FormData();
      form.append('kind', kind);
      form.append('dryRun', String(dryRun));
      form.append('jobId', jobId);
      // the server remembers the mapping for the caller's next file
      if (Object.keys(mapping).length) form.append('mapping', JSON.stringify(mapping));
      form.append('file', chosen, chosen.name);
      return api<ImportReport>('/imports', { method: 'POST', form });
    },
    onSuccess: (result, { dryRun }) => {
      setReport({ report: result, committed: !dryRun });
      setStep(dryRun ? 1 : 2);
    },
    onError: (error) => {
      const rejected = reportOf(error);
      if (rejected) {
        setReport({ report: rejected, committed: false });
        setStep(1);
      }
    },
  });

  const start = (chosen: File, dryRun: boolean) => {
    setFile(chosen);
    setReport(null);
    setStep(dryRun ? 1 : 2);
    run.mutate({ file: chosen, dryRun, jobId: crypto.randomUUID() });
  };
  const restart = () => {
    setStep(0);
    setFile(null);
    setReport(null);
    setMapping({});
    run.reset();
  };
  // headers the server did not recognize, and those it read by a mapping (which can be changed)
  const mappable = report?.report.columns.filter((c) => c.source === 'unknown' || c.source === 'mapping') ?? [];
  const hasErrors = report !== null && report.report.errors.length + report.report.fileErrors.length > 0;
  const failure = run.isError && !report ? run.error.message : null;

  const picker = (label: string, onPick: (f: File) => void) => (
    <Upload
      accept=".xlsx,.csv"
      maxCount={1}
      showUploadList={false}
      beforeUpload={(picked) => {
        onPick(picked);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />}>{label}</Button>
    </Upload>
  );

  return (
    <Card title={t('import.title')}>
      <Steps
        current={step}
        className="import-steps"
        items={[
          { title: t('import.stepChoose') },
          { title: t('import.stepPreview') },
          { title: t('import.stepDone') },
        ]}
      />
      {step === 0 && (
        <Form layout="vertical" className="import-form">
          <Form.Item label={t('import.kind')}>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as ImportKind)}
              options={(['members', 'orgs'] as const).map((k) => ({
                value: k,
                label: t(`enums.importKind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('import.file')} extra={file?.name}>
            <Space wrap>
              {picker(t('import.chooseFile'), setFile)}
              <Button icon={<DownloadOutlined />} href={downloadUrl('/imports/template.xlsx', { kind })}>
                {t('import.template')}
              </Button>
            </Space>
          </Form.Item>
          <Button type="primary" disabled={!file} onClick={() => file && start(file, true)}>
            {t('import.check')}
          </Button>
        </Form>
      )}
      {step > 0 && run.isPending && run.variables && (
        <ImportProgress
          jobId={run.variables.jobId}
          label={run.variables.dryRun ? t('import.checking') : t('import.committing')}
        />
      )}
      {failure && (
        <Alert
          type="error"
          showIcon
          message={t('errors.generic', { message: failure })}
          className="modal-alert"
        />
      )}
      {report && <ImportReportView report={report.report} committed={report.committed} />}
      {step === 1 && !run.isPending && file && mappable.length > 0 && (
        <ImportColumnMapper
          kind={kind}
          columns={mappable}
          mapping={mapping}
          onChange={setMapping}
          onRecheck={() => start(file, true)}
        />
      )}
      {step > 0 && !run.isPending && (
        <Space className="import-actions" wrap>
          {step === 1 && (hasErrors || failure) && picker(t('import.uploadFixed'), (f) => start(f, true))}
          {step === 1 && report && !hasErrors && file && (
            <Button type="primary" onClick={() => start(file, false)}>
              {t('import.commit')}
            </Button>
          )}
          <Button onClick={restart}>{step === 2 ? t('import.again') : t('common.cancel')}</Button>
        </Space>
      )}
    </Card>
  );
}
