import ReactEChartsCore from 'echarts-for-react/esm/core';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';

echarts.use([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A small pie of full against probationary members. */
export default function MemberCountChart({ full, probationary }: { full: number; probationary: number }) {
  const { t } = useTranslation();
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
    color: ['#c8161d', '#faad14'],
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '42%'],
        label: { show: false },
        data: [
          { name: t('org.countFull'), value: full },
          { name: t('org.countProbationary'), value: probationary },
        ],
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 170, width: 220 }} />;
}
