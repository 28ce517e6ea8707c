import { EditOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Descriptions,
  Form,
  InputNumber,
  Result,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import FormModal from '../../components/FormModal';
import { URGENCIES } from '../../../../domain/pairings/enums';
import type { PairingPolicy } from '../../../../domain/schemas/pairings';
import { useOrgDetail } from '../orgs/orgQueries';
import { pairingKeys } from './pairingQueries';
import { usePhone } from '../../components/usePhone';

const policyPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}/pairing-policy`;
const policyKey = (orgId: string) => ['pairings', 'policy', orgId] as const;
const THRESHOLDS = [
  'inactiveAfterDays',
  'maxMissedActivityUnits',
  'activityDueWarningDays',
  'maxOverdueCommitments',
  'maxOverdueDemands',
  'minAverageSatisfaction',
  'maxMedianDaysToResolve',
] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The coordinator's pairing policy: demand time limits by urgency, calendar or working days (holidays and extra
 * working days), and the health thresholds. Everyone who reads the coordinator sees it; those who manage its
 * pairings (the organization's abilities say so) edit it.
 */
export default function PairingPolicyCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<PairingPolicy>();
  const org = useOrgDetail(orgId);
  const policy = useQuery({
    queryKey: policyKey(orgId),
    queryFn: () => api<PairingPolicy>(policyPath(orgId)),
  });
  const mayEdit = org.data?.abilities.includes('pairing.manage') ?? false;
  const save = useMutation({
    mutationFn: (body: PairingPolicy) => api<PairingPolicy>(policyPath(orgId), { method: 'PUT', body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(policyKey(orgId), saved);
      // the deadlines and health states follow the new policy
      await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
      setEditing(false);
    },
  });

  const title = t('pairing.policy.title');
  if (policy.isError)
    return (
      <Card size="small" title={title}>
        <Result status="error" title={t('common.error')} subTitle={policy.error.message} />
      </Card>
    );
  const p = policy.data;
  if (!p)
    return (
      <Card size="small" title={title}>
        <Spin />
      </Card>
    );
  const days = (n: number) => t('pairing.policy.days', { count: n });
  const dates = (list: string[]) =>
    list.length ? (
      <Space wrap size={4}>
        {list.map((d) => (
          <Tag key={d}>{d}</Tag>
        ))}
      </Space>
    ) : (
      '—'
    );
  const threshold = (key: (typeof THRESHOLDS)[number]) => {
    const value = p.thresholds[key] ?? 30;
    return key === 'minAverageSatisfaction'
      ? t('pairing.policy.points', { value })
      : key.endsWith('Days')
        ? days(value)
        : value;
  };

  return (
    <Card
      size="small"
      title={title}
      data-testid="pairing-policy"
      extra={
        mayEdit ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('pairing.policy.readOnly')}</Typography.Text>
        )
      }
    >
      <Space direction="vertical" size="middle" className="pairing-policy">
        <Descriptions
          size="small"
          bordered
          column={!phone ? 2 : 1}
          title={t('pairing.policy.timeLimits')}
        >
          {URGENCIES.map((u) => (
            <Descriptions.Item key={u} label={t(`enums.urgency.${u}`)}>
              {days(p.timeLimits[u])}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('pairing.policy.counting')}>
            {t(`pairing.policy.countingKind.${p.counting}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('pairing.policy.holidays')}>{dates(p.holidays)}</Descriptions.Item>
          <Descriptions.Item label={t('pairing.policy.extraWorkingDays')}>
            {dates(p.extraWorkingDays)}
          </Descriptions.Item>
        </Descriptions>
        <Descriptions
          size="small"
          bordered
          column={!phone ? 2 : 1}
          title={t('pairing.policy.thresholds')}
        >
          {THRESHOLDS.map((key) => (
            <Descriptions.Item key={key} label={t(`pairing.policy.threshold.${key}`)}>
              {threshold(key)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Space>
      {editing && (
        <FormModal<PairingPolicy>
          title={t('pairing.policy.edit')}
          form={form}
          as="drawer"
          width={560}
          initialValues={{
            ...p,
            thresholds: {
              ...p.thresholds,
              activityDueWarningDays: p.thresholds.activityDueWarningDays ?? 30,
            },
          }}
          onSubmit={(values) =>
            save.mutateAsync({
              ...p,
              ...values,
              thresholds: { ...p.thresholds, ...values.thresholds },
              timeLimits: { ...p.timeLimits, ...values.timeLimits },
            })
          }
          onClose={() => setEditing(false)}
        >
          <Typography.Title level={5}>{t('pairing.policy.timeLimits')}</Typography.Title>
          <Space wrap>
            {URGENCIES.map((u) => (
              <Form.Item
                key={u}
                name={['timeLimits', u]}
                label={t(`enums.urgency.${u}`)}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <InputNumber min={1} max={365} precision={0} addonAfter={t('pairing.policy.dayUnit')} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="counting" label={t('pairing.policy.counting')}>
            <Select
              options={(['calendar', 'working'] as const).map((k) => ({
                value: k,
                label: t(`pairing.policy.countingKind.${k}`),
              }))}
            />
          </Form.Item>
          {(['holidays', 'extraWorkingDays'] as const).map((name) => (
            <Form.Item
              key={name}
              name={name}
              label={t(`pairing.policy.${name}`)}
              extra={t('pairing.policy.datesHelp')}
              rules={[
                {
                  validator: (_r, v: string[] = []) =>
                    v.every((d) => DATE.test(d))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('pairing.policy.dateFormat'))),
                },
              ]}
            >
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
            </Form.Item>
          ))}
          <Typography.Title level={5}>{t('pairing.policy.thresholds')}</Typography.Title>
          {THRESHOLDS.map((key) => (
            <Form.Item
              key={key}
              name={['thresholds', key]}
              label={t(`pairing.policy.threshold.${key}`)}
              rules={[{ required: true, message: t('common.required') }]}
            >
              {key === 'minAverageSatisfaction' ? (
                <InputNumber min={0} max={5} step={0.5} />
              ) : (
                <InputNumber min={0} max={key.endsWith('Days') ? 366 : 1000} precision={0} />
              )}
            </Form.Item>
          ))}
        </FormModal>
      )}
    </Card>
  );
}
