import { CheckOutlined, DeleteOutlined, EditOutlined, LikeOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Pairing, PairingPatch } from '../../../../domain/schemas/pairings';
import PairingFormModal from './PairingFormModal';
import { pairingKeys, pairingPath } from './pairingQueries';
import RenewPairingModal from './RenewPairingModal';
import TerminatePairingModal from './TerminatePairingModal';

/**
 * Edit, put into force, terminate and renew: only for those who keep the agreement. A draft made by someone outside a
 * party's scope waits for that side: whoever acts for it accepts here, and the draft shows who is still awaited.
 */
export default function PairingActions({ pairing, size }: { pairing: Pairing; size?: 'small' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | 'renew' | 'terminate' | null>(null);
  const activate = useMutation({
    mutationFn: () => {
      const body: PairingPatch = { state: 'active' };
      return api<Pairing>(pairingPath(pairing.id), { method: 'PATCH', body });
    },
    onSuccess: async () => {
      void message.success(t('pairing.activated'));
      await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
    },
    onError: (error) => void message.error(error.message),
  });
  const accept = useMutation({
    mutationFn: () => api<Pairing>(`${pairingPath(pairing.id)}/accept`, { method: 'POST', body: {} }),
    onSuccess: async () => {
      void message.success(t('pairing.acceptedByUs'));
      await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
    },
    onError: (error) => void message.error(error.message),
  });
  const remove = useMutation({
    mutationFn: () => api<null>(pairingPath(pairing.id), { method: 'DELETE' }),
    onSuccess: async () => {
      void message.success(t('pairing.deleted'));
      queryClient.removeQueries({ queryKey: pairingKeys.detail(pairing.id) });
      await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
      void navigate('/pairings');
    },
    onError: (error) => void message.error(error.message),
  });
  const awaiting = pairing.state === 'draft' ? (pairing.awaitingOrgIds ?? []) : [];
  const mayAccept = awaiting.some((orgId) => pairing.actingOrgIds.includes(orgId));
  const manages = pairing.abilities.includes('pairing.manage');
  // a draft's author may delete it without keeping the agreement
  const mayDelete = pairing.abilities.includes('pairing.delete');
  if (!manages && !mayAccept && !mayDelete) return null;
  const awaitedNames = pairing.parties.filter((p) => awaiting.includes(p.orgId)).map((p) => p.orgName);
  const open = pairing.state === 'draft' || pairing.state === 'active';
  return (
    <>
      <Space wrap size={4}>
        {awaitedNames.length > 0 && (
          <Tag color="gold">{t('pairing.awaiting', { names: awaitedNames.join('、') })}</Tag>
        )}
        {mayAccept && (
          <Popconfirm title={t('pairing.acceptConfirm')} onConfirm={() => accept.mutate()}>
            <Button size={size} type="primary" icon={<LikeOutlined />} loading={accept.isPending}>
              {t('pairing.accept')}
            </Button>
          </Popconfirm>
        )}
        {manages && (
          <Button size={size} icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('common.edit')}
          </Button>
        )}
        {manages && pairing.state === 'draft' && awaiting.length === 0 && (
          <Popconfirm title={t('pairing.activateConfirm')} onConfirm={() => activate.mutate()}>
            <Button size={size} type="primary" icon={<CheckOutlined />} loading={activate.isPending}>
              {t('pairing.activate')}
            </Button>
          </Popconfirm>
        )}
        {manages && pairing.state !== 'draft' && pairing.state !== 'terminated' && !pairing.nextId && (
          <Button size={size} icon={<RedoOutlined />} onClick={() => setDialog('renew')}>
            {t('pairing.renew')}
          </Button>
        )}
        {manages && open && (
          <Button size={size} danger icon={<StopOutlined />} onClick={() => setDialog('terminate')}>
            {t('pairing.terminate')}
          </Button>
        )}
        {mayDelete && (
          <Popconfirm title={t('pairing.deleteConfirm', { title: pairing.title })} onConfirm={() => remove.mutate()}>
            <Button size={size} danger icon={<DeleteOutlined />} loading={remove.isPending}>
              {t('pairing.deleteDraft')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {dialog === 'edit' && (
        <PairingFormModal
          mode="edit"
          pairing={pairing}
          onClose={() => setDialog(null)}
          onSaved={() => setDialog(null)}
        />
      )}
      {dialog === 'renew' && (
        <RenewPairingModal
          pairing={pairing}
          onClose={() => setDialog(null)}
          onRenewed={(next) => {
            setDialog(null);
            void navigate(`/pairings/${next.id}`);
          }}
        />
      )}
      {dialog === 'terminate' && <TerminatePairingModal pairing={pairing} onClose={() => setDialog(null)} />}
    </>
  );
}
