import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { CommitmentDone, Pairing } from '../../../../domain/schemas/pairings';
import AttachmentFiles from './AttachmentFiles';
import { pairingKeys, pairingPath, partyNames } from './pairingQueries';
import { formatDateRange } from '../../i18n/dates';
import { usePhone } from '../../components/usePhone';

type Commitment = Pairing['commitments'][number];
type Party = Pairing['parties'][number];

const dash = (v: string | null | undefined) => v || '—';

/** The agreement: its terms, what each side committed to (mark done), the contacts and the attachments. */
export default function PairingAgreement({ pairing }: { pairing: Pairing }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const phone = usePhone();
  const manage = pairing.abilities.includes('pairing.manage');
  const inForce = pairing.state === 'active';
  const names = partyNames(pairing);

  // each party marks its own commitments done (the keeper any of them), one at a time
  const markDone = useMutation({
    mutationFn: (id: string) => {
      const body: CommitmentDone = { doneOn: dayjs().format('YYYY-MM-DD') };
      return api<Pairing>(`${pairingPath(pairing.id)}/commitments/${encodeURIComponent(id)}`, { method: 'PATCH', body });
    },
    onSuccess: async () => {
      void message.success(t('pairing.commitmentDone'));
      await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
    },
    onError: (error) => void message.error(error.message),
  });

  return (
    <>
      <Descriptions bordered size="small" column={!phone ? 2 : 1}>
        <Descriptions.Item label={t('pairing.signedOn')}>{dash(pairing.signedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('pairing.validity')}>
          {formatDateRange(pairing.validFrom, pairing.validTo)}
        </Descriptions.Item>
        <Descriptions.Item label={t('pairing.coordinator')}>
          {dash(pairing.coordinatorName)}
        </Descriptions.Item>
        <Descriptions.Item label={t('pairing.frequency')}>
          {t('pairing.frequencyText', {
            count: pairing.frequency.min,
            per: t(`pairing.per.${pairing.frequency.per}`),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('pairing.plaque')}>
          {pairing.plaque ? `${dash(pairing.plaque.wording)}（${dash(pairing.plaque.awardedOn)}）` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('pairing.renewal')}>
          {pairing.previousId && <Link to={`/pairings/${pairing.previousId}`}>{t('pairing.previous')}</Link>}{' '}
          {pairing.nextId && <Link to={`/pairings/${pairing.nextId}`}>{t('pairing.next')}</Link>}
          {!pairing.previousId && !pairing.nextId && '—'}
        </Descriptions.Item>
        {pairing.state === 'terminated' && (
          <Descriptions.Item label={t('pairing.terminateReason')} span={2}>
            {pairing.terminatedOn} {dash(pairing.terminateReason)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('pairing.content')} span={2}>
          <Typography.Paragraph className="pairing-text">{dash(pairing.content)}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5} className="pairing-section">
        {t('pairing.commitments')}
      </Typography.Title>
      <Table<Commitment>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={pairing.commitments}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('pairing.owingSide'), dataIndex: 'orgId', render: (id: string) => names.get(id) ?? id },
          { title: t('pairing.commitment'), dataIndex: 'description' },
          { title: t('pairing.target'), dataIndex: 'target', render: dash },
          {
            title: t('pairing.dueOn'),
            dataIndex: 'dueOn',
            render: (v: string | null, c) => (
              <>
                {dash(v)} {c.overdue && <Tag color="red">{t('pairing.overdue')}</Tag>}
              </>
            ),
          },
          {
            title: t('pairing.doneOn'),
            dataIndex: 'doneOn',
            render: (v: string | null, c) =>
              v ??
              (inForce && c.mayMarkDone ? (
                <Button
                  size="small"
                  icon={<CheckOutlined />}
                  loading={markDone.isPending && markDone.variables === c.id}
                  onClick={() => markDone.mutate(c.id)}
                >
                  {t('pairing.markDone')}
                </Button>
              ) : (
                '—'
              )),
          },
        ]}
      />

      <Typography.Title level={5} className="pairing-section">
        {t('pairing.contacts')}
      </Typography.Title>
      <Table<Party>
        size="small"
        rowKey="orgId"
        pagination={false}
        dataSource={pairing.parties}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('pairing.party', { n: '' }), dataIndex: 'orgName' },
          { title: t('pairing.contactName'), dataIndex: 'contactName', render: dash },
          { title: t('pairing.contactPhone'), dataIndex: 'contactPhone', render: dash },
          { title: t('pairing.contactTitle'), dataIndex: 'contactTitle', render: dash },
        ]}
      />

      <AttachmentFiles
        base={`${pairingPath(pairing.id)}/files`}
        files={pairing.files}
        mayUpload={manage}
        uploadLabel={t('pairing.files.upload')}
        onChanged={() => queryClient.invalidateQueries({ queryKey: pairingKeys.detail(pairing.id) })}
      />
    </>
  );
}
