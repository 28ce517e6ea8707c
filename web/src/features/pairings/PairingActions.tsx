import { CheckOutlined, DeleteOutlined, EditOutlined, LikeOutlined, RedoOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Space, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { RowAction } from '../../components/ListTable';
import type { Pairing, PairingPatch } from '../../../../domain/schemas/pairings';
import PairingFormModal from './PairingFormModal';
import { pairingKeys, pairingPath } from './pairingQueries';
import RenewPairingModal from './RenewPairingModal';
import TerminatePairingModal from './TerminatePairingModal';

const ICONS: Record<string, ReactNode> = {
  accept: <LikeOutlined />,
  edit: <EditOutlined />,
  activate: <CheckOutlined />,
  renew: <RedoOutlined />,
  terminate: <StopOutlined />,
  delete: <DeleteOutlined />,
};

/**
 * Edit, put into force, terminate, renew and delete a draft: only for those who keep the agreement (a draft's author
 * may delete it). A draft made by someone outside a party's scope waits for that side: whoever acts for it accepts.
 * One definition for the pairing page's buttons and the list's row actions; `dialogs` holds the open form.
 */
export function usePairingActions() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<{ kind: 'edit' | 'renew' | 'terminate'; pairing: Pairing } | null>(null);

  const run = (title: string, done: string, request: () => Promise<unknown>, after?: () => void): void => {
    modal.confirm({
      title,
      onOk: async () => {
        try {
          await request();
          void message.success(done);
          after?.();
          await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
        } catch (error) {
          void message.error((error as Error).message);
        }
      },
    });
  };

  const actionsFor = (pairing: Pairing): RowAction[] => {
    const awaiting = pairing.state === 'draft' ? (pairing.awaitingOrgIds ?? []) : [];
    const manages = pairing.abilities.includes('pairing.manage');
    const open = pairing.state === 'draft' || pairing.state === 'active';
    const path = pairingPath(pairing.id);
    const actions: (RowAction | false)[] = [
      awaiting.some((orgId) => pairing.actingOrgIds.includes(orgId)) && {
        key: 'accept',
        label: t('pairing.accept'),
        onClick: () => run(t('pairing.acceptConfirm'), t('pairing.acceptedByUs'), () => api(`${path}/accept`, { method: 'POST', body: {} })),
      },
      manages && { key: 'edit', label: t('common.edit'), onClick: () => setDialog({ kind: 'edit', pairing }) },
      manages &&
        pairing.state === 'draft' &&
        awaiting.length === 0 && {
          key: 'activate',
          label: t('pairing.activate'),
          onClick: () => {
            const body: PairingPatch = { state: 'active' };
            run(t('pairing.activateConfirm'), t('pairing.activated'), () => api(path, { method: 'PATCH', body }));
          },
        },
      manages &&
        pairing.state !== 'draft' &&
        pairing.state !== 'terminated' &&
        !pairing.nextId && { key: 'renew', label: t('pairing.renew'), onClick: () => setDialog({ kind: 'renew', pairing }) },
      manages && open && { key: 'terminate', label: t('pairing.terminate'), danger: true, onClick: () => setDialog({ kind: 'terminate', pairing }) },
      pairing.abilities.includes('pairing.delete') && {
        key: 'delete',
        label: t('pairing.deleteDraft'),
        danger: true,
        onClick: () =>
          run(
            t('pairing.deleteConfirm', { title: pairing.title }),
            t('pairing.deleted'),
            () => api<null>(path, { method: 'DELETE' }),
            () => {
              queryClient.removeQueries({ queryKey: pairingKeys.detail(pairing.id) });
              void navigate('/pairings');
            },
          ),
      },
    ];
    return actions.filter((a): a is RowAction => a !== false);
  };

  const close = () => setDialog(null);
  const dialogs = dialog && (
    <>
      {dialog.kind === 'edit' && <PairingFormModal mode="edit" pairing={dialog.pairing} onClose={close} onSaved={close} />}
      {dialog.kind === 'renew' && (
        <RenewPairingModal
          pairing={dialog.pairing}
          onClose={close}
          onRenewed={(next) => {
            close();
            void navigate(`/pairings/${next.id}`);
          }}
        />
      )}
      {dialog.kind === 'terminate' && <TerminatePairingModal pairing={dialog.pairing} onClose={close} />}
    </>
  );
  return { actionsFor, dialogs };
}

/** The pairing page's buttons: the actions the caller may take, and who is still awaited on a draft. */
export default function PairingActions({ pairing }: { pairing: Pairing }) {
  const { t } = useTranslation();
  const { actionsFor, dialogs } = usePairingActions();
  const actions = actionsFor(pairing);
  const awaiting = pairing.state === 'draft' ? (pairing.awaitingOrgIds ?? []) : [];
  const awaitedNames = pairing.parties.filter((p) => awaiting.includes(p.orgId)).map((p) => p.orgName);
  if (actions.length === 0 && awaitedNames.length === 0) return null;
  return (
    <>
      <Space wrap size={4}>
        {awaitedNames.length > 0 && <Tag color="gold">{t('pairing.awaiting', { names: awaitedNames.join('、') })}</Tag>}
        {actions.map((a) => (
          <Button
            key={a.key}
            danger={a.danger}
            type={a.key === 'accept' || a.key === 'activate' ? 'primary' : 'default'}
            icon={ICONS[a.key]}
            onClick={a.onClick}
          >
            {a.label}
          </Button>
        ))}
      </Space>
      {dialogs}
    </>
  );
}
