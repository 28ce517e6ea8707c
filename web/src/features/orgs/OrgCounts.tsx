import { Statistic } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgDetail } from '../../../../domain/schemas/orgs';

// ECharts is large: it loads only when a chart is shown.
const MemberCountChart = lazy(() => import('./MemberCountChart'));

export default function OrgCounts({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const probationary = org.memberCount - org.fullMemberCount;
  return (
    <div className="org-counts">
      <div className="org-count-figures">
        <Statistic title={t('org.countTotal')} value={org.memberCount} />
        <Statistic title={t('org.countFull')} value={org.fullMemberCount} />
        <Statistic title={t('org.countProbationary')} value={probationary} />
        <Statistic title={t('org.countDirect')} value={org.directMemberCount} />
        <Statistic title={t('org.countDirectFull')} value={org.directFullMemberCount} />
      </div>
      {org.memberCount > 0 && (
        <Suspense fallback={null}>
          <MemberCountChart full={org.fullMemberCount} probationary={probationary} />
        </Suspense>
      )}
    </div>
  );
}
