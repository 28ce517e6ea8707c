import { CheckOutlined, EditOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space } from 'antd';
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

/** Edit, put into force, terminate and renew: only for those who keep the agreement. */
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
  if (!pairing.abilities.includes('pairing.manage')) return null;
  const open = pairing.state === 'draft' || pairing.state === 'active';
  return (
    <>
      <Space wrap size={4}>
        <Button size={size} icon={<EditOutlined />} onClick={() => setDialog('edit')}>
          {t('common.edit')}
        </Button>
        {pairing.state === 'draft' && (
          <Popconfirm title={t('pairing.activateConfirm')} onConfirm={() => activate.mutate()}>
            <Button size={size} type="primary" icon={<CheckOutlined />} loading={activate.isPending}>
              {t('pairing.activate')}
            </Button>
          </Popconfirm>
        )}
        {pairing.state !== 'draft' && pairing.state !== 'terminated' && !pairing.nextId && (
          <Button size={size} icon={<RedoOutlined />} onClick={() => setDialog('renew')}>
            {t('pairing.renew')}
          </Button>
        )}
        {open && (
          <Button size={size} danger icon={<StopOutlined />} onClick={() => setDialog('terminate')}>
            {t('pairing.terminate')}
          </Button>
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
