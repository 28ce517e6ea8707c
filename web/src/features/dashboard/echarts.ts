// The ECharts pieces the dashboards use, registered once (tree-shaken core build).
import { BarChart, GaugeChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([PieChart, BarChart, HeatmapChart, GaugeChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };

export const PALETTE = ['#c8161d', '#faad14', '#1677ff', '#52c41a', '#722ed1', '#13c2c2', '#eb2f96', '#fa8c16', '#2f54eb', '#a0d911', '#8c8c8c', '#5b8ff9', '#f6bd16'];
