import { Alert, Button, Descriptions, Drawer, Rate, Result, Spin, Timeline, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Demand } from '../../../../domain/schemas/pairings';
import AttachmentFiles from '../pairings/AttachmentFiles';
import { usePairing } from '../pairings/pairingQueries';
import DemandTags from './DemandTags';
import DemandTransitionModal, { actionOf, isTarget, type TransitionTarget } from './DemandTransitionModal';
import { demandKeys, demandPath, useDemand } from './demandQueries';
import { DEMAND_STATE_COLORS } from './format';
import { formatDateTime } from '../../i18n/dates';
import { usePhone } from '../../components/usePhone';

type DemandEvent = NonNullable<Demand['events']>[number];


/** A demand with its timeline and the moves the user may make now (as the server says). */
export default function DemandDrawer({
  demandId,
  onClose,
}: {
  demandId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = usePhone();
  const queryClient = useQueryClient();
  const detail = useDemand(demandId);
  const [moving, setMoving] = useState<TransitionTarget | null>(null);
  const d = detail.data;
  // the parties and the coordinator add attachments
  const pairing = usePairing(d?.pairingId ?? null);
  const contributes =
    (pairing.data?.actingOrgIds.length ?? 0) > 0 ||
    (pairing.data?.abilities.includes('pairing.manage') ?? false);
  const dash = (v: string | null | undefined) => v || '—';
  const eventLabel = (e: DemandEvent) =>
    e.from === e.to ? t('demand.progressNote') : t(`enums.demandState.${e.to}`);

  return (
    <Drawer
      title={d?.title ?? t('demand.detail')}
      open={demandId !== null}
      onClose={onClose}
      width={phone ? '100%' : 720}
    >
      {detail.isPending && demandId !== null && <Spin className="page-spinner" />}
      {detail.isError && <Result status="error" title={t('common.error')} subTitle={detail.error.message} />}
      {d && (
        <>
          <DemandTags demand={d} />
          {d.overdue && (
            <Alert
              type="error"
              showIcon
              className="demand-section"
              message={
                d.escalatedOn
                  ? t('demand.escalatedOn', { date: d.escalatedOn, due: d.dueOn })
                  : t('demand.overdueSince', { due: d.dueOn })
              }
            />
          )}
          <div className="demand-actions">
            {d.allowed.filter(isTarget).map((to) => (
              <Button
                key={to}
                type={to === 'reopened' ? 'default' : 'primary'}
                danger={to === 'reopened'}
                onClick={() => setMoving(to)}
              >
                {t(`demand.action.${actionOf(to, d)}`)}
              </Button>
            ))}
          </div>
          <Descriptions bordered size="small" column={1} layout={phone ? 'vertical' : 'horizontal'}>
            <Descriptions.Item label={t('demand.pairing')}>
              <Link to={`/pairings/${d.pairingId}`}>{d.pairingTitle}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('demand.raisedBy')}>
              {d.raisedByOrgName} · {d.raisedOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('demand.category')}>
              {t(`enums.pairingCategory.${d.category}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('demand.description')}>
              <span className="demand-text">{d.description}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('demand.assignedTo')}>
              {d.assignedOrgName
                ? `${d.assignedOrgName}${d.assigneeName ? ` · ${d.assigneeName}` : ''}`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('demand.dueOn')}>{dash(d.dueOn)}</Descriptions.Item>
            {d.resolution && (
              <Descriptions.Item label={t('demand.resolution')}>
                <span className="demand-text">{d.resolution}</span>
                {d.resolvedOn && <Typography.Text type="secondary"> （{d.resolvedOn}）</Typography.Text>}
              </Descriptions.Item>
            )}
            {d.rating !== null && (
              <Descriptions.Item label={t('demand.rating')}>
                <Rate disabled value={d.rating} /> {d.confirmedOn}
              </Descriptions.Item>
            )}
            {d.reopenReason && (
              <Descriptions.Item label={t('demand.reopenReason')}>{d.reopenReason}</Descriptions.Item>
            )}
          </Descriptions>

          <AttachmentFiles
            base={`${demandPath(d.id)}/files`}
            files={d.files ?? []}
            mayUpload={d.state !== 'confirmed' && contributes}
            uploadLabel={t('demand.attach')}
            onChanged={() => queryClient.invalidateQueries({ queryKey: demandKeys.detail(d.id) })}
          />

          <Typography.Title level={5} className="demand-section">
            {t('demand.timeline')}
          </Typography.Title>
          <Timeline
            items={(d.events ?? []).map((e) => ({
              color: DEMAND_STATE_COLORS[e.to],
              children: (
                <>
                  <Typography.Text strong>{eventLabel(e)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {formatDateTime(e.at)} · {[e.byOrgName, e.byUserName].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  {e.note && <div className="demand-text">{e.note}</div>}
                </>
              ),
            }))}
          />
        </>
      )}
      {d && moving && <DemandTransitionModal demand={d} to={moving} onClose={() => setMoving(null)} />}
    </Drawer>
  );
}
