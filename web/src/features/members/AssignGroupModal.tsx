import { Alert, App, Form, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import FormModal from '../../components/FormModal';
import { batchRefusals } from '../../components/serverErrors';
import type { MemberBatchResult, MemberListItem } from '../../../../domain/schemas/members';
import { useOrgDetail } from '../orgs/orgQueries';
import { memberKeys } from './memberQueries';

/** the choice "in no party group" (a party group's id is never this) */
const NO_GROUP = '-';

interface Values {
  partyGroupId: string;
}

/** Puts the selected members of one organization into one of its party groups, or out of theirs. */
export default function AssignGroupModal({
  members,
  onClose,
  onDone,
}: {
  members: MemberListItem[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const org = useOrgDetail(members[0]?.orgId ?? null);
  const groups = org.data?.partyGroups ?? [];

  const save = async ({ partyGroupId }: Values) => {
    try {
      const result = await api<MemberBatchResult>('/members/batch/party-group', {
        method: 'POST',
        body: { ids: members.map((m) => m.id), partyGroupId: partyGroupId === NO_GROUP ? null : partyGroupId },
      });
      void message.success(t('member.groupAssigned', { count: result.updated }));
    } catch (error) {
      // a refused member is named, not numbered
      throw batchRefusals(error, members.map((m) => m.name));
    }
    await queryClient.invalidateQueries({ queryKey: memberKeys.all });
    await queryClient.invalidateQueries({ queryKey: ['orgs'] });
    onDone();
  };

  const names = members.map((m) => m.name);
  return (
    <FormModal<Values>
      title={t('member.assignGroupTitle', { count: members.length })}
      form={form}
      onSubmit={save}
      onClose={onClose}
    >
      <Typography.Paragraph>
        {t('member.assignGroupWho', {
          org: members[0]?.orgName ?? '',
          names: names.slice(0, 6).join('、'),
          count: names.length,
        })}
      </Typography.Paragraph>
      {org.data && groups.length === 0 && (
        <Alert type="info" showIcon message={t('member.noGroupsInOrg')} className="modal-alert" />
      )}
      <Form.Item
        name="partyGroupId"
        label={t('member.partyGroup')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Select
          loading={org.isFetching}
          options={[
            ...groups.map((g) => ({ value: g.id, label: g.name })),
            { value: NO_GROUP, label: t('member.noGroup') },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}
