import type { CommitteeRole, OrgType, Sector } from '../../domain/enums';

// The organizations and people of the five news reports in shared/seeds/. People named there hold
// their roles; every other member is synthetic and named so (张某一, 李某二, …).

export interface DemoPerson {
  name: string;
  gender: 'male' | 'female';
  role?: CommitteeRole;
  jobTitle?: string;
}

export interface DemoOrg {
  key: string;
  name: string;
  shortName?: string;
  type: OrgType;
  sector: Sector;
  hostUnit: string;
  foundedOn: string;
  termElectedOn?: string;
  /** synthetic members besides the named people: [full, probationary] */
  synthetic: [number, number];
  people?: DemoPerson[];
  children?: DemoOrg[];
  /** region code for the synthetic ID-card numbers */
  region: string;
  code?: string;
}

const XT = '430302'; // 湘潭市雨湖区
const zoneOrgan = (key: string, name: string, synthetic: [number, number], termElectedOn: string): DemoOrg => ({
  key,
  name,
  type: 'branch',
  sector: 'government_organ',
  hostUnit: `湘潭高新区${name.replace(/党支部$/, '')}`,
  foundedOn: '2012-06-01',
  termElectedOn,
  synthetic,
  region: XT,
});
const zoneEnterprise = (key: string, name: string, hostUnit: string, type: OrgType, synthetic: [number, number], termElectedOn?: string, people?: DemoPerson[]): DemoOrg => ({
  key,
  name,
  type,
  sector: 'private_enterprise',
  hostUnit,
  foundedOn: '2016-03-01',
  ...(termElectedOn ? { termElectedOn } : {}),
  synthetic,
  region: XT,
  ...(people ? { people } : {}),
});

export const DEMO_TREE: DemoOrg[] = [
  {
    key: 'haijiang',
    name: '海疆集团党支部',
    shortName: '海疆集团',
    type: 'branch',
    sector: 'private_enterprise',
    hostUnit: '海疆集团',
    foundedOn: '2015-07-01',
    termElectedOn: '2023-12-20',
    synthetic: [9, 1],
    region: '441302',
    code: 'HJ-001',
    people: [
      { name: '高其英', gender: 'female', role: 'secretary', jobTitle: '党支部书记' },
      { name: '叶军', gender: 'male', role: 'organization_member', jobTitle: '副总经理' },
      { name: '朱卫东', gender: 'male', role: 'discipline_member', jobTitle: '安全环保部主任' },
    ],
  },
  {
    key: 'huizhou',
    name: '中海油惠州石化有限公司党委',
    shortName: '惠州石化党委',
    type: 'committee',
    sector: 'state_enterprise',
    hostUnit: '中海油惠州石化有限公司',
    foundedOn: '2006-05-01',
    termElectedOn: '2021-05-10',
    synthetic: [0, 0],
    region: '441302',
    children: [
      {
        key: 'hse',
        name: '惠州石化HSE中心党支部',
        shortName: 'HSE中心党支部',
        type: 'branch',
        sector: 'state_enterprise',
        hostUnit: '中海油惠州石化HSE中心',
        foundedOn: '2010-03-01',
        termElectedOn: '2022-04-15',
        synthetic: [14, 2],
        region: '441302',
        people: [
          { name: '李江山', gender: 'male', role: 'secretary', jobTitle: 'HSE中心主任' },
          { name: '刘冲', gender: 'male', role: 'discipline_member' },
          { name: '陈子健', gender: 'male', role: 'youth_member' },
          { name: '吕迪', gender: 'male', role: 'publicity_member' },
        ],
      },
    ],
  },
  {
    key: 'bluestar',
    name: '中国蓝星（集团）股份有限公司党委',
    shortName: '蓝星党委',
    type: 'committee',
    sector: 'state_enterprise',
    hostUnit: '中国蓝星（集团）股份有限公司',
    foundedOn: '2004-01-01',
    termElectedOn: '2021-03-18',
    synthetic: [0, 0],
    region: '110105',
    code: 'BS-000',
    people: [
      { name: '郝志刚', gender: 'male', role: 'secretary', jobTitle: '董事长' },
      { name: '朱晓磊', gender: 'male', role: 'deputy_secretary', jobTitle: '党委副书记' },
    ],
    children: Array.from({ length: 19 }, (_, i): DemoOrg => ({
      key: `bluestar-${i + 1}`,
      name: `蓝星所属企业${String(i + 1).padStart(2, '0')}党委`,
      type: i % 4 === 3 ? 'general_branch' : 'committee',
      sector: 'state_enterprise',
      hostUnit: `蓝星所属企业${String(i + 1).padStart(2, '0')}（示例）`,
      foundedOn: '2008-01-01',
      termElectedOn: ['2021-06-20', '2022-11-08', '2019-09-10', '2024-01-15'][i % 4]!,
      synthetic: [6 + (i % 5) * 3, i % 3],
      region: '110105',
      code: `BS-${String(i + 1).padStart(3, '0')}`,
    })),
  },
  {
    key: 'brigade',
    name: '地质大队党委',
    type: 'committee',
    sector: 'state_enterprise',
    hostUnit: '地质大队',
    foundedOn: '1998-07-01',
    termElectedOn: '2022-06-30',
    synthetic: [0, 0],
    region: '360102',
    people: [{ name: '周金龙', gender: 'male', role: 'committee_member', jobTitle: '大队党委委员、公司董事长' }],
    children: [
      {
        key: 'company',
        name: '公司党总支',
        type: 'general_branch',
        sector: 'state_enterprise',
        hostUnit: '大队所属公司',
        foundedOn: '2012-05-01',
        termElectedOn: '2023-04-10',
        synthetic: [0, 0],
        region: '360102',
        children: [
          {
            key: 'xinruifeng',
            name: '新锐丰技术中心党支部',
            type: 'branch',
            sector: 'state_enterprise',
            hostUnit: '新锐丰技术中心',
            foundedOn: '2016-09-01',
            termElectedOn: '2023-04-20',
            synthetic: [11, 1],
            region: '360102',
          },
          {
            key: 'workshop2',
            name: '车间第二党支部',
            type: 'branch',
            sector: 'state_enterprise',
            hostUnit: '生产车间',
            foundedOn: '2014-03-01',
            termElectedOn: '2020-03-25',
            synthetic: [8, 2],
            region: '360102',
          },
        ],
      },
    ],
  },
  {
    key: 'maoming',
    name: '茂名港集团党委',
    shortName: '茂名港集团',
    type: 'committee',
    sector: 'state_enterprise',
    hostUnit: '茂名港集团有限公司',
    foundedOn: '2012-08-01',
    termElectedOn: '2022-08-16',
    synthetic: [0, 0],
    region: '440902',
    people: [
      { name: '王志华', gender: 'male', role: 'secretary', jobTitle: '董事长' },
      { name: '肖炳章', gender: 'male', role: 'deputy_secretary', jobTitle: '总经理' },
      { name: '杨超灿', gender: 'male', role: 'committee_member', jobTitle: '副总经理' },
      { name: '陈军', gender: 'male', role: 'discipline_member', jobTitle: '纪委书记' },
      { name: '朱光宇', gender: 'male', jobTitle: '副总经理' },
    ],
    children: ['机关第一党支部', '机关第二党支部', '港务分公司党支部', '物流公司党支部', '工程建设公司党支部', '博贺港区党支部'].map(
      (name, i): DemoOrg => ({
        key: `maoming-${i + 1}`,
        name,
        type: 'branch',
        sector: 'state_enterprise',
        hostUnit: `茂名港集团${name.replace(/党支部$/, '')}`,
        foundedOn: '2013-01-01',
        termElectedOn: ['2023-05-10', '2021-02-01', '2023-11-20', '2024-03-05', '2022-06-01', '2023-07-12'][i]!,
        synthetic: [[7, 12, 9, 5, 56, 2][i]!, i % 2],
        region: '440902',
      }),
    ),
  },
  {
    key: 'xiangtan',
    name: '湘潭高新区党工委',
    shortName: '湘潭高新区',
    type: 'working_committee',
    sector: 'government_organ',
    hostUnit: '湘潭高新技术产业开发区管理委员会',
    foundedOn: '2009-01-01',
    termElectedOn: '2021-09-01',
    synthetic: [0, 0],
    region: XT,
    code: 'XT-000',
    people: [{ name: '陈蓉', gender: 'female', role: 'deputy_secretary', jobTitle: '党工委副书记、管委会主任' }],
    children: [
      {
        key: 'xt-organs',
        name: '湘潭高新区机关党委',
        type: 'committee',
        sector: 'government_organ',
        hostUnit: '湘潭高新区管委会',
        foundedOn: '2009-06-01',
        termElectedOn: '2022-03-01',
        synthetic: [0, 0],
        region: XT,
        children: [
          zoneOrgan('xt-discipline', '纪检监察党支部', [8, 0], '2023-06-01'),
          zoneOrgan('xt-office', '办公室党支部', [10, 1], '2023-06-01'),
          zoneOrgan('xt-entrepreneurship', '创业中心机关党支部', [6, 1], '2022-12-10'),
          zoneOrgan('xt-coordination', '综合协调服务中心党支部', [7, 0], '2023-06-01'),
          zoneOrgan('xt-innovation', '科技创新局党支部', [9, 1], '2021-05-20'),
          zoneOrgan('xt-economy', '经济发展局党支部', [8, 1], '2023-06-01'),
          zoneOrgan('xt-planning', '规划建设局党支部', [7, 0], '2023-06-01'),
          zoneOrgan('xt-finance', '财政局党支部', [6, 0], '2023-06-01'),
          zoneOrgan('xt-social', '社会事务局党支部', [5, 1], '2023-06-01'),
        ],
      },
      {
        key: 'xt-two-new',
        name: '湘潭高新区两新组织综合党委',
        type: 'committee',
        sector: 'private_enterprise',
        hostUnit: '湘潭高新区',
        foundedOn: '2015-04-01',
        termElectedOn: '2021-04-01',
        synthetic: [0, 0],
        region: XT,
        children: [
          zoneEnterprise('jiajiamei', '家家美党支部', '家家美公司', 'branch', [6, 1], '2023-05-01'),
          zoneEnterprise('lihe', '力合党支部', '力合科技公司', 'branch', [4, 1], '2022-09-01'),
          zoneEnterprise('minsheng', '重药控股湖南民生药业党支部', '重药控股湖南民生药业有限公司', 'branch', [8, 1], '2023-03-01', [
            { name: '曾春晖', gender: 'male', role: 'deputy_secretary', jobTitle: '党支部副书记、总经理' },
          ]),
          zoneEnterprise('chongde', '崇德科技党支部', '崇德科技公司', 'branch', [5, 0], '2023-07-01'),
          zoneEnterprise('jianche', '建车汽车服务党支部', '建车汽车服务公司', 'branch', [2, 1]),
          zoneEnterprise('wanda', '万达商圈党支部', '万达商圈', 'joint_branch', [7, 1], '2023-08-01'),
          zoneEnterprise('yongfei', '永飞党支部', '永飞公司', 'branch', [5, 1], '2022-10-01'),
          zoneEnterprise('deloitte', '德勤党支部', '德勤湘潭公司', 'branch', [4, 0], '2023-02-01'),
          zoneEnterprise('hengchuang', '恒创党支部', '恒创公司', 'branch', [3, 1], '2023-02-01'),
          zoneEnterprise('yifeng', '湘潭屹丰党总支', '湘潭屹丰公司', 'general_branch', [13, 2], '2022-12-01'),
          zoneEnterprise('schindler', '迅达党委', '迅达（中国）电梯湘潭公司', 'committee', [24, 3], '2021-11-01'),
          zoneEnterprise('golden-valley', '东方金谷党总支', '东方金谷', 'general_branch', [10, 1], '2023-09-01'),
        ],
      },
    ],
  },
];

/** The organizations whose committee term ran out without an election; every other one was re-elected on time. */
export const TERMS_OVERDUE: ReadonlySet<string> = new Set(['xt-innovation', 'workshop2', 'bluestar-3']);

/** Units a joint branch covers (Branch Regs Art. 5). */
export const COVERED_UNITS: Record<string, string[]> = {
  wanda: ['万达广场商户甲（示例）', '万达广场商户乙（示例）', '万达广场商户丙（示例）', '万达写字楼企业丁（示例）', '万达写字楼企业戊（示例）', '万达写字楼企业己（示例）'],
};

export const DEMO_PASSWORD = 'Gongjian@2024';

/** Demo accounts: who they are and what they may do. */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: 'org_admin' | 'secretary' | 'member' | 'viewer'; orgKey: string; person?: string }[] = [
  { username: 'xiangtan', displayName: '湘潭高新区党务工作者', role: 'org_admin', orgKey: 'xiangtan' },
  { username: 'gaoqiying', displayName: '高其英', role: 'secretary', orgKey: 'haijiang', person: '高其英' },
  { username: 'lijiangshan', displayName: '李江山', role: 'secretary', orgKey: 'hse', person: '李江山' },
  { username: 'zengchunhui', displayName: '曾春晖', role: 'secretary', orgKey: 'minsheng', person: '曾春晖' },
  { username: 'xtoffice', displayName: '高新区办公室党支部书记（示例）', role: 'secretary', orgKey: 'xt-office' },
  { username: 'lvdi', displayName: '吕迪', role: 'member', orgKey: 'hse', person: '吕迪' },
  { username: 'bluestar', displayName: '蓝星党委（只读）', role: 'viewer', orgKey: 'bluestar' },
];
