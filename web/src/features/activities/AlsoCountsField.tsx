import { Checkbox, Col, Form } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ActivityType } from '../../../../domain/enums';

interface ActivityTypes {
  alsoCountable: { type: ActivityType; alsoCounts: ActivityType[] }[];
}

/**
 * The other requirements this activity also served (a life meeting held with the democratic evaluation of members),
 * offered only where the organizer's rules hold them together with the chosen type; what no longer applies after
 * the type changes is unticked.
 */
export default function AlsoCountsField({ orgId, type }: { orgId: string | undefined; type: ActivityType | undefined }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const types = useQuery({
    queryKey: ['activity-types', orgId],
    queryFn: () => api<ActivityTypes>(`/orgs/${encodeURIComponent(orgId ?? '')}/activity-types`),
    enabled: !!orgId,
    staleTime: 60_000,
  });
  const options = types.data?.alsoCountable.find((x) => x.type === type)?.alsoCounts ?? [];
  const loaded = types.data !== undefined;
  const key = options.join();
  useEffect(() => {
    if (!loaded) return;
    const current = (form.getFieldValue('alsoCounts') as ActivityType[] | undefined) ?? [];
    const kept = current.filter((x) => key.split(',').includes(x));
    if (kept.length !== current.length) form.setFieldValue('alsoCounts', kept);
  }, [form, key, loaded]);
  if (options.length === 0) return null;
  return (
    <Col xs={24}>
      <Form.Item name="alsoCounts" label={t('activity.alsoCounts')} tooltip={t('activity.alsoCountsHelp')}>
        <Checkbox.Group options={options.map((o) => ({ value: o, label: t('activity.alsoCountsAs', { type: t(`enums.activityType.${o}`) }) }))} />
      </Form.Item>
    </Col>
  );
}
