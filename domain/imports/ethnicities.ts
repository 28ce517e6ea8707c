// The 56 ethnic groups of China as GB 3304 names them (汉族 first), and how a roster may write
// one: "汉" for 汉族 is common in offices' own files.

export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;

const BY_SHORT_NAME = new Map<string, string>(ETHNICITIES.map((e) => [e.slice(0, -1), e]));
const OFFICIAL = new Set<string>(ETHNICITIES);

/** The official name for "汉" or "汉族"; other text (其他, 外国血统中国籍人士, …) is kept as written. */
export function officialEthnicity(text: string): string {
  const t = text.replace(/[\s\u3000]/g, '');
  if (OFFICIAL.has(t)) return t;
  return BY_SHORT_NAME.get(t) ?? t;
}
