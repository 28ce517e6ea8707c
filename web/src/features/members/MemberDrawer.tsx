import { EditOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Drawer, Result, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import MemberFormModal from './MemberFormModal';
import MemberRecord from './MemberRecord';
import TransferModal from './TransferModal';
import { useMemberDetail } from './memberQueries';
import { usePhone } from '../../components/usePhone';

export default function MemberDrawer({
  memberId,
  onClose,
}: {
  memberId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const detail = useMemberDetail(memberId);
  const [dialog, setDialog] = useState<'edit' | 'transfer' | null>(null);
  const phone = usePhone();
  const member = detail.data;

  return (
    <Drawer
      title={member?.name ?? t('member.detail')}
      open={memberId !== null}
      onClose={onClose}
      width={!phone ? 720 : '100%'}
      extra={
        member && (
          <Space>
            {member.abilities.includes('member.update') && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
            )}
            {member.abilities.includes('member.transfer') && (
              <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')}>
                {t('member.transfer')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {detail.isPending && memberId !== null && <Spin />}
      {detail.isError && <Result status="warning" title={detail.error.message} />}
      {member && <MemberRecord member={member} columns={!phone ? 2 : 1} />}
      {member && dialog === 'edit' && (
        <MemberFormModal
          mode="edit"
          member={member}
          onClose={() => setDialog(null)}
          onSaved={() => setDialog(null)}
        />
      )}
      {member && dialog === 'transfer' && <TransferModal member={member} onClose={() => setDialog(null)} />}
    </Drawer>
  );
}
