import { App, Form, Input, Rate, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Demand, DemandAssigneeList, DemandTransition } from '../../../../domain/schemas/pairings';
import FormModal from '../../components/FormModal';
import { pairingKeys, usePairing } from '../pairings/pairingQueries';
import { demandKeys, demandPath } from './demandQueries';

export type TransitionTarget = DemandTransition['to'];

const TARGETS: readonly TransitionTarget[] = ['accepted', 'in_progress', 'resolved', 'confirmed', 'reopened'];
export const isTarget = (s: string): s is TransitionTarget => (TARGETS as readonly string[]).includes(s);
/** the move's label key: another step of a demand already in progress is a progress note */
export const actionOf = (to: TransitionTarget, demand: Pick<Demand, 'state'>) =>
  to === 'in_progress' && demand.state === 'in_progress' ? 'progress' : to;

interface Values {
  note?: string;
  resolution?: string;
  rating?: number;
  reason?: string;
  assigneeId?: string;
  actingAsOrgId?: string;
}

/**
 * Who may handle the demand (the accounts entitled for the handling party), as the server lists them for whoever may
 * assign it; anyone else is refused there and gets no picker.
 */
function useAssignees(demand: Demand, enabled: boolean) {
  return useQuery({
    queryKey: [...demandKeys.detail(demand.id), 'assignees'],
    queryFn: () => api<DemandAssigneeList>(`${demandPath(demand.id)}/assignees`),
    enabled,
    retry: false,
  });
}

/**
 * One move of a demand with what it needs: accept (and assign), start or add a progress note, resolve
 * (resolution), confirm (rating 1–5) or reopen (reason).
 */
export default function DemandTransitionModal({
  demand,
  to,
  onClose,
}: {
  demand: Demand;
  to: TransitionTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const assignees = useAssignees(demand, to === 'accepted');
  const people = assignees.data?.items ?? [];
  // in progress → in progress is a progress note; otherwise the note is optional
  const progressNote = to === 'in_progress' && demand.state === 'in_progress';
  // a caller acting for several partners of the pairing chooses which one accepts (the server asks for it otherwise)
  const pairing = usePairing(to === 'accepted' ? demand.pairingId : null);
  const partners = (pairing.data?.parties ?? []).filter(
    (p) => p.orgId !== demand.raisedByOrgId && pairing.data?.actingOrgIds.includes(p.orgId),
  );
  const action = progressNote ? 'progress' : to;

  const save = async (v: Values) => {
    const trim = (text: string | undefined) => text?.trim() || undefined;
    const body: DemandTransition = {
      to,
      note: trim(v.note),
      resolution: trim(v.resolution),
      rating: v.rating,
      reason: trim(v.reason),
      assigneeId: v.assigneeId,
      actingAsOrgId: v.actingAsOrgId,
    };
    await api<Demand>(`${demandPath(demand.id)}/transition`, { method: 'POST', body });
    void message.success(t(`demand.done.${action}`));
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: demandKeys.all }),
      // the pairing's health and the coordinator's dashboard count demands
      queryClient.invalidateQueries({ queryKey: pairingKeys.all }),
    ]);
    onClose();
  };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];

  return (
    <FormModal<Values>
      title={t(`demand.action.${action}`)}
      form={form}
      okText={t(`demand.action.${action}`)}
      onSubmit={save}
      onClose={onClose}
    >
      {to === 'accepted' && partners.length > 1 && (
        <Form.Item
          name="actingAsOrgId"
          label={t('demand.actingAs')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={partners.map((p) => ({ value: p.orgId, label: p.orgName }))} />
        </Form.Item>
      )}
      {to === 'accepted' && people.length > 0 && (
        <Form.Item name="assigneeId" label={t('demand.assignee')} extra={t('demand.assigneeHelp')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            data-testid="assignee-picker"
            options={people.map((u) => ({ value: u.userId, label: `${u.name}（${u.orgName}）` }))}
          />
        </Form.Item>
      )}
      {to === 'resolved' && (
        <Form.Item name="resolution" label={t('demand.resolution')} rules={required}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      )}
      {to === 'confirmed' && (
        <Form.Item
          name="rating"
          label={t('demand.rating')}
          rules={[{ required: true, message: t('demand.ratingRequired') }]}
        >
          <Rate className="demand-rate" />
        </Form.Item>
      )}
      {to === 'reopened' && (
        <Form.Item name="reason" label={t('demand.reopenReason')} rules={required}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      )}
      {to !== 'reopened' && (
        <Form.Item
          name="note"
          label={progressNote ? t('demand.progressNote') : t('demand.note')}
          rules={progressNote ? required : []}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      )}
    </FormModal>
  );
}
