// Only the charts and components the reports draw: `echarts/core` keeps the chunk small (tree-shaken).
// SVG rather than canvas: crisp when printed and scaled to the paper.
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, BarChart, PieChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { init } from 'echarts/core';
