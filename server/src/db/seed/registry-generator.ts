import { creditCodeCheckChar, idNumberCheckChar } from '../../../../contracts/identifiers';
import {
  CE_REQUIRED_HOURS,
  type CredentialLevel,
  SKILLS,
  SPECIALTIES,
  type Term,
} from '../../../../contracts/taxonomy';

/**
 * Deterministic generator of a realistic, clearly fictitious registry for 禅城区: purchaser units, agencies, certified
 * social workers (credentials, registration periods, CE records, employment) and volunteers/residents. Pure: it
 * returns plain objects (another module writes them to the database), takes `today` and the division list as input
 * and draws every random number from its own seeded PRNG, so one seed always gives byte-identical output. It is
 * also used by benchmarks at 100× the default size, which is why lookups are precomputed tables, not searches.
 *
 * Everything is invented: organization names end in （示例）. ID numbers and credit codes carry valid check
 * characters (the forms must accept them) and may by chance equal a real person's number, like any made-up valid
 * number can: never load this dataset next to real data.
 */

export interface GeneratorOptions {
  /** PRNG seed; the same seed (and the same other options) gives the same registry. */
  seed: number;
  /** Reference date (its calendar date in China, UTC+8) for ages, registration periods, CE dates and expiry. */
  today: Date;
  divisions: ReadonlyArray<{
    code: string;
    parentCode: string | null;
    name: string;
    level: 'district' | 'street' | 'community';
  }>;
  purchasers?: number;
  agencies?: number;
  workers?: number;
  volunteers?: number;
}

export interface GeneratedRegistry {
  purchasers: PurchaserUnit[];
  agencies: Agency[];
  workers: Worker[];
  volunteers: Volunteer[];
}

export interface PurchaserUnit {
  key: string;
  name: string;
  level: 'district' | 'street';
  divisionCode: string;
  department: string;
  accountUsername: string;
  accountDisplayName: string;
}

export interface Agency {
  key: string;
  name: string;
  creditCode: string;
  legalForm: 'private_non_enterprise' | 'social_group' | 'foundation';
  /** YYYY-MM-DD */
  registeredOn: string;
  registrationAuthority: string;
  rating: '1A' | '2A' | '3A' | '4A' | '5A' | null;
  ratedOn: string | null;
  /** The community where its office is. */
  divisionCode: string;
  address: string;
  latitude: number;
  longitude: number;
  /** Street codes (9 digits), or the district code for district-wide agencies. */
  serviceDivisionCodes: string[];
  /** SPECIALTIES codes. */
  serviceFields: string[];
  contactName: string;
  contactMobile: string;
  status: 'active' | 'suspended' | 'deregistered';
}

export interface Worker {
  key: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  mobile: string;
  agencyKey: string | null;
  /** The street or community where they mostly work. */
  divisionCode: string;
  specialties: string[];
  languages: string[];
  availability: 'available' | 'limited' | 'unavailable';
  notes: string;
  credential: { level: CredentialLevel; certificateNo: string; issuedOn: string };
  /** Consecutive 3-year periods from the credential's issue date; the last one current (a few recently expired). */
  registrations: Array<{ validFrom: string; validTo: string }>;
  /** Completed within the registration periods, oldest first. */
  ceRecords: Array<{ course: string; provider: string; minutes: number; completedOn: string }>;
  /** Oldest first; when agencyKey is set the last one is with that agency and has endedOn null. */
  employment: Array<{ agencyKey: string; role: string; startedOn: string; endedOn: string | null }>;
}

export interface Volunteer {
  key: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  mobile: string;
  /** A community (12 digits). */
  divisionCode: string;
  /** Approximate (3 decimals, about 100 m): a home location is personal information. */
  latitude: number;
  longitude: number;
  skills: string[];
  /** 'V440604-000123', unique; residents who are not (yet) volunteers have one too. */
  volunteerNo: string;
  contactConsent: boolean;
  /** False for residents who are only registered as residents. */
  isVolunteer: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// PRNG: sfc32 (fast, 128-bit state, passes PractRand) seeded through splitmix32, one independent stream per section
// so that changing the number of volunteers does not change the workers.

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    const low = Math.trunc(seed) >>> 0;
    const high = Math.trunc(seed / 2 ** 32) >>> 0;
    const mix = splitmix32(low ^ Math.imul(stream + 1, 0x27d4eb2d) ^ Math.imul(high, 0x165667b1));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** Weighted choice by binary search over cumulative weights (O(log n), no allocation per draw). */
class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: number[];

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.items = entries.map((e) => e[0]);
    let sum = 0;
    this.cumulative = entries.map((e) => {
      sum += e[1];
      return sum;
    });
    if (!(sum > 0)) throw new Error('Weighted choice needs a positive total weight');
  }

  pick(rng: Rng): T {
    const total = this.cumulative[this.cumulative.length - 1]!;
    const x = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }

  /** Up to n distinct items (fewer if there are not as many). */
  pickDistinct(rng: Rng, n: number): T[] {
    const out: T[] = [];
    const want = Math.min(n, this.items.length);
    for (let guard = 0; out.length < want && guard < 50 * want; guard++) {
      const item = this.pick(rng);
      if (!out.includes(item)) out.push(item);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dates as integer day numbers (days since 1970-01-01, UTC): arithmetic is exact and formatting is cached.

const DAY_MS = 86_400_000;
/** China has one time zone (UTC+8, no daylight saving): "today" is the calendar date there. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Day number of a calendar date (H. Hinnant's days_from_civil: integer arithmetic, no Date allocation). */
function dayOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Calendar date of a day number (civil_from_days). Hot path: it is called millions of times at benchmark scale. */
function civil(day: number): [year: number, month: number, date: number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** YYYY-MM-DD, cached in a dense table for 1900–2199: the same days recur millions of times at benchmark scale. */
const ISO_BASE = dayOf(1900, 1, 1);
const isoTable: string[] = new Array(dayOf(2200, 1, 1) - ISO_BASE).fill('');
function iso(day: number): string {
  const index = day - ISO_BASE;
  const cached = isoTable[index];
  if (cached) return cached;
  const [y, m, d] = civil(day);
  const s = `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
  if (cached === '') isoTable[index] = s;
  return s;
}

/** Same day and month n years later; 29 February becomes 1 March (as compliance.addYears does). */
function addYears(day: number, years: number): number {
  const [y, m, d] = civil(day);
  const target = y + years;
  return m === 2 && d === 29 && !isLeapYear(target) ? dayOf(target, 3, 1) : dayOf(target, m, d);
}

function isLeapDay(day: number): boolean {
  const [, m, d] = civil(day);
  return m === 2 && d === 29;
}

function yearOf(day: number): number {
  return civil(day)[0];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---------------------------------------------------------------------------------------------------------------
// Names. Surname weights lean to the Pearl River Delta (陈, 梁, 黄, 何, 李 and local names such as 区, 麦, 冼, 霍, 招).

const SURNAMES = new Weighted<string>([
  ['陈', 100],
  ['李', 60],
  ['黄', 60],
  ['梁', 58],
  ['何', 40],
  ['张', 38],
  ['林', 30],
  ['刘', 28],
  ['王', 25],
  ['罗', 24],
  ['吴', 24],
  ['冯', 20],
  ['周', 20],
  ['杨', 20],
  ['邓', 18],
  ['郭', 15],
  ['麦', 15],
  ['谭', 15],
  ['潘', 15],
  ['卢', 15],
  ['叶', 15],
  ['区', 12],
  ['苏', 12],
  ['钟', 12],
  ['曾', 12],
  ['谢', 12],
  ['徐', 10],
  ['赵', 10],
  ['朱', 10],
  ['蔡', 10],
  ['彭', 10],
  ['余', 10],
  ['关', 10],
  ['胡', 8],
  ['霍', 8],
  ['伍', 8],
  ['莫', 8],
  ['冼', 6],
  ['江', 6],
  ['方', 6],
  ['邝', 5],
  ['杜', 5],
  ['招', 4],
  ['简', 4],
  ['孔', 4],
  ['严', 4],
  ['骆', 3],
  ['欧阳', 4],
  ['司徒', 2],
]);

const GIVEN = {
  female:
    '婷欣怡颖嘉慧敏静雯琳洁诗咏晓思佩玲丽芳燕霞倩莹蕾彤悦琪晴妍雪秀月梅淑碧美红艳萍晶君茵韵绮梓子钰伊翠楚桦敏'.split(
      '',
    ),
  male: '伟强俊杰浩家豪志明文华锦荣健耀辉斌勇军峰鹏涛宇航森泽铭晖永国海润达冠卓宏振嘉子梓俊智延彬'.split(''),
  femaleOld: '秀英桂芳凤玉兰珍娟霞丽金好群彩银少惠艳琼妹容带'.split(''),
  maleOld: '国华建明永志伟荣锦德福光东强平炳成林水根汉权耀'.split(''),
};

function personName(rng: Rng, gender: 'male' | 'female', birthYear: number): string {
  const old = birthYear < 1972;
  const pool = gender === 'female' ? (old ? GIVEN.femaleOld : GIVEN.female) : old ? GIVEN.maleOld : GIVEN.male;
  const first = rng.pick(pool);
  if (rng.chance(0.18)) return SURNAMES.pick(rng) + first;
  let second = rng.pick(pool);
  if (second === first && !rng.chance(0.15)) second = rng.pick(pool); // 婷婷 exists, but rarely
  return SURNAMES.pick(rng) + first + second;
}

// ---------------------------------------------------------------------------------------------------------------
// 身份证号: region (where the number was first issued) + birth date + 3-digit sequence (odd last digit for men) +
// check character. 佛山 districts (440602 is the former 城区, still on older IDs), other 广东 cities, migrants.

type Origin = 'foshan' | 'cantonese' | 'hakka' | 'teochew' | 'migrant';

const REGIONS: Record<Origin, readonly string[]> = {
  foshan: ['440604', '440604', '440604', '440605', '440606', '440607', '440608', '440602', '440601'],
  // 广州 越秀/荔湾/天河, 肇庆 端州, 江门 蓬江, 阳江 江城, 茂名 茂南, 湛江 赤坎, 中山, 东莞, 清远 清城
  cantonese: [
    '440104',
    '440103',
    '440106',
    '441202',
    '440703',
    '441702',
    '440902',
    '440802',
    '442000',
    '441900',
    '441802',
  ],
  // 梅州 梅江/兴宁/五华, 河源 源城
  hakka: ['441402', '441481', '441424', '441602'],
  // 潮州 湘桥, 揭阳 榕城, 汕头 金平/潮阳
  teochew: ['445102', '445202', '440511', '440513'],
  // 长沙, 南宁, 南昌, 武汉, 成都, 郑州, 重庆 万州, 福州, 贵阳, 昆明, 合肥, 西安, 邵东, 桂林
  migrant: [
    '430102',
    '450102',
    '360102',
    '420102',
    '510104',
    '410102',
    '500101',
    '350102',
    '520102',
    '530102',
    '340102',
    '610102',
    '430521',
    '450302',
  ],
};

/** Probability of speaking Cantonese by origin: locals nearly all; migrants who settled often pick it up. */
const CANTONESE_BY_ORIGIN: Record<Origin, number> = {
  foshan: 0.99,
  cantonese: 0.97,
  hakka: 0.8,
  teochew: 0.75,
  migrant: 0.35,
};

const WORKER_ORIGINS = new Weighted<Origin>([
  ['foshan', 55],
  ['cantonese', 12],
  ['hakka', 6],
  ['teochew', 5],
  ['migrant', 22],
]);
const VOLUNTEER_ORIGINS = new Weighted<Origin>([
  ['foshan', 68],
  ['cantonese', 8],
  ['hakka', 4],
  ['teochew', 3],
  ['migrant', 17],
]);

/** Mobile prefixes of the three carriers in the 13x/15x/18x/19x ranges. */
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '198',
  '199',
];

/** Identifiers unique across the whole run (workers, volunteers and agency contacts share them). */
class Uniques {
  readonly idNumbers = new Set<string>();
  readonly mobiles = new Set<string>();

  idNumber(rng: Rng, region: string, birthDay: number, gender: 'male' | 'female'): string {
    const birth = iso(birthDay);
    const prefix = region + birth.slice(0, 4) + birth.slice(5, 7) + birth.slice(8, 10);
    for (;;) {
      const last = rng.int(0, 4) * 2 + (gender === 'male' ? 1 : 0);
      const body = prefix + pad(rng.int(0, 99), 2) + last;
      const id = body + idNumberCheckChar(body);
      if (!this.idNumbers.has(id)) {
        this.idNumbers.add(id);
        return id;
      }
    }
  }

  mobile(rng: Rng): string {
    for (;;) {
      const m = rng.pick(MOBILE_PREFIXES) + pad(rng.int(0, 99_999_999), 8);
      if (!this.mobiles.has(m)) {
        this.mobiles.add(m);
        return m;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Geography. Approximate centres of the four streets; other streets (a different division list) get the district
// centre. Each community gets a fixed offset from a hash of its code, so people of one community cluster.

const BOX = { latMin: 22.97, latMax: 23.07, lngMin: 113.03, lngMax: 113.15 };
const DISTRICT_CENTRE = { lat: 23.02, lng: 113.1 };
const STREET_CENTRES: Record<string, { lat: number; lng: number }> = {
  '440604010': { lat: 23.0, lng: 113.115 }, // 石湾镇街道: south-east, along the river
  '440604011': { lat: 23.04, lng: 113.075 }, // 张槎街道: north-west
  '440604012': { lat: 23.03, lng: 113.115 }, // 祖庙街道: the old town centre
  '440604100': { lat: 22.995, lng: 113.05 }, // 南庄镇: south-west
};

const STREET_ROADS: Record<string, readonly string[]> = {
  '440604010': ['季华五路', '江湾一路', '绿景一路', '澜石二马路', '惠景路', '东平路', '石湾公园路'],
  '440604011': ['张槎一路', '张槎二路', '季华西路', '同济西路', '大富路', '海口大道'],
  '440604012': ['祖庙路', '人民路', '汾江中路', '建新路', '普君北路', '卫国路', '朝安南路', '福宁路', '岭南大道北'],
  '440604100': ['南庄大道', '禅港路', '紫洞南路', '吉利大道', '南庄二马路', '堤田路'],
};
const GENERIC_ROADS = ['文明路', '和平路', '建设路', '幸福路', '育才路'];

function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(Math.max(x, min), max);
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

interface Street {
  code: string;
  name: string;
  slug: string;
  communities: Community[];
  centre: { lat: number; lng: number };
}

interface Community {
  code: string;
  name: string;
  street: Street;
  centre: { lat: number; lng: number };
}

const STREET_SLUGS: ReadonlyArray<readonly [string, string]> = [
  ['石湾', 'shiwan'],
  ['张槎', 'zhangcha'],
  ['祖庙', 'zumiao'],
  ['南庄', 'nanzhuang'],
];

function streetSlug(code: string, name: string): string {
  return STREET_SLUGS.find(([zh]) => name.includes(zh))?.[1] ?? `s${code.slice(-3)}`;
}

function point(rng: Rng, centre: { lat: number; lng: number }, spread: number) {
  return {
    lat: clamp(centre.lat + rng.between(-spread, spread), BOX.latMin, BOX.latMax),
    lng: clamp(centre.lng + rng.between(-spread, spread), BOX.lngMin, BOX.lngMax),
  };
}

interface Geography {
  district: { code: string; name: string };
  streets: Street[];
  communities: Community[];
}

function buildGeography(divisions: GeneratorOptions['divisions']): Geography {
  const district = divisions.find((d) => d.level === 'district');
  if (!district) throw new Error('generateRegistry: the division list has no district');
  const streets: Street[] = divisions
    .filter((d) => d.level === 'street' && d.parentCode === district.code)
    .map((d) => ({
      code: d.code,
      name: d.name,
      slug: streetSlug(d.code, d.name),
      communities: [],
      centre: STREET_CENTRES[d.code] ?? DISTRICT_CENTRE,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const byCode = new Map(streets.map((s) => [s.code, s]));
  const communities: Community[] = [];
  for (const d of [...divisions].sort((a, b) => a.code.localeCompare(b.code))) {
    const street = d.level === 'community' && d.parentCode ? byCode.get(d.parentCode) : undefined;
    if (!street) continue;
    const h = hash32(d.code);
    const spread = STREET_CENTRES[street.code] ? 0.014 : 0.03;
    const community: Community = {
      code: d.code,
      name: d.name,
      street,
      centre: {
        lat: street.centre.lat + (((h & 0xffff) / 0xffff) * 2 - 1) * spread,
        lng: street.centre.lng + (((h >>> 16) / 0xffff) * 2 - 1) * spread,
      },
    };
    street.communities.push(community);
    communities.push(community);
  }
  const populated = streets.filter((s) => s.communities.length > 0);
  if (populated.length === 0) throw new Error('generateRegistry: the division list has no street with communities');
  return { district: { code: district.code, name: district.name }, streets: populated, communities };
}

// ---------------------------------------------------------------------------------------------------------------
// Purchaser units: departments of district bureaus and of the street offices that buy social-work services.

interface DistrictUnit {
  /** Official name; {d} is the district's name. */
  unit: string;
  short: string;
  slug: string;
  departments: ReadonlyArray<readonly [string, string]>;
}

const DISTRICT_UNITS: readonly DistrictUnit[] = [
  {
    unit: '佛山市{d}民政局',
    short: '区民政局',
    slug: 'mzj',
    departments: [
      ['社会事务科', 'shiwu'],
      ['社会救助科', 'jiuzhu'],
      ['养老服务科', 'yanglao'],
      ['儿童福利科', 'ertong'],
      ['慈善事业促进和社会工作科', 'cishan'],
      ['基层政权建设和社区治理科', 'jiceng'],
      ['社会组织管理办公室', 'shezu'],
      ['婚姻登记处', 'hunyin'],
    ],
  },
  {
    unit: '佛山市{d}妇女联合会',
    short: '区妇联',
    slug: 'fulian',
    departments: [
      ['家庭和儿童工作部', 'jiating'],
      ['权益部', 'quanyi'],
      ['发展部', 'fazhan'],
    ],
  },
  {
    unit: '佛山市{d}残疾人联合会',
    short: '区残联',
    slug: 'canlian',
    departments: [
      ['康复部', 'kangfu'],
      ['教育就业部', 'jiuye'],
      ['维权部', 'weiquan'],
    ],
  },
  {
    unit: '佛山市{d}司法局',
    short: '区司法局',
    slug: 'sifa',
    departments: [
      ['社区矫正管理科', 'jiaozheng'],
      ['人民调解科', 'tiaojie'],
      ['公共法律服务科', 'falv'],
    ],
  },
  {
    unit: '佛山市{d}禁毒委员会办公室',
    short: '区禁毒办',
    slug: 'jindu',
    departments: [
      ['综合科', 'zonghe'],
      ['社会化戒毒康复科', 'kangfu'],
    ],
  },
  {
    unit: '佛山市{d}卫生健康局',
    short: '区卫生健康局',
    slug: 'weijian',
    departments: [
      ['老龄健康科', 'laoling'],
      ['疾病预防控制科', 'jikong'],
      ['妇幼健康科', 'fuyou'],
    ],
  },
  {
    unit: '佛山市{d}教育局',
    short: '区教育局',
    slug: 'jiaoyu',
    departments: [
      ['德育与安全科', 'deyu'],
      ['基础教育科', 'jichu'],
    ],
  },
  {
    unit: '共青团佛山市{d}委员会',
    short: '团区委',
    slug: 'tuanqw',
    departments: [
      ['青少年发展部', 'qingshao'],
      ['志愿者工作部', 'zhiyuan'],
    ],
  },
  {
    unit: '佛山市{d}退役军人事务局',
    short: '区退役军人事务局',
    slug: 'tuiyi',
    departments: [
      ['优抚安置科', 'youfu'],
      ['服务保障科', 'fuwu'],
    ],
  },
  {
    unit: '佛山市{d}人力资源和社会保障局',
    short: '区人社局',
    slug: 'renshe',
    departments: [
      ['就业促进科', 'jiuye'],
      ['劳动关系科', 'laodong'],
    ],
  },
  {
    unit: '佛山市{d}总工会',
    short: '区总工会',
    slug: 'zgh',
    departments: [
      ['职工服务中心', 'zhigong'],
      ['权益保障部', 'quanyi'],
    ],
  },
  {
    unit: '中共佛山市{d}委社会工作部',
    short: '区委社会工作部',
    slug: 'shegongbu',
    departments: [
      ['志愿服务科', 'zhiyuan'],
      ['基层治理科', 'zhili'],
    ],
  },
  {
    unit: '中共佛山市{d}委政法委员会',
    short: '区委政法委',
    slug: 'zhengfa',
    departments: [['平安建设科', 'pingan']],
  },
  { unit: '佛山市{d}应急管理局', short: '区应急管理局', slug: 'yingji', departments: [['防灾减灾科', 'fangzai']] },
  { unit: '佛山市{d}医疗保障局', short: '区医保局', slug: 'yibao', departments: [['待遇保障科', 'daiyu']] },
  { unit: '佛山市{d}信访局', short: '区信访局', slug: 'xinfang', departments: [['综合科', 'zonghe']] },
  { unit: '佛山市{d}红十字会', short: '区红十字会', slug: 'hongshizi', departments: [['救护培训部', 'jiuhu']] },
  { unit: '佛山市{d}慈善会', short: '区慈善会', slug: 'cishanhui', departments: [['项目部', 'xiangmu']] },
];

const STREET_DEPARTMENTS: ReadonlyArray<readonly [string, string]> = [
  ['党建工作办公室', 'dangjian'],
  ['社会事务局', 'shiwu'],
  ['综合治理办公室', 'zongzhi'],
  ['公共服务办公室', 'gonggong'],
  ['退役军人服务站', 'tuiyi'],
  ['妇女联合会', 'fulian'],
  ['残疾人联合会', 'canlian'],
  ['团工委', 'tuangw'],
  ['禁毒工作办公室', 'jindu'],
  ['司法所', 'sifa'],
  ['卫生健康办公室', 'weijian'],
  ['应急管理办公室', 'yingji'],
  ['社区治理办公室', 'zhili'],
  ['民生服务办公室', 'minsheng'],
  ['文化体育服务中心', 'wenti'],
];

const CHINESE_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_NUMERALS[n]!;
  if (n < 20) return `十${CHINESE_NUMERALS[n - 10]}`;
  if (n < 100) return `${CHINESE_NUMERALS[Math.floor(n / 10)]}十${CHINESE_NUMERALS[n % 10]}`;
  return String(n);
}

function generatePurchasers(rng: Rng, geo: Geography, count: number): PurchaserUnit[] {
  const d = geo.district;
  const districtSlug = d.code === '440604' ? 'chancheng' : `d${d.code}`;
  interface Template {
    level: 'district' | 'street';
    divisionCode: string;
    unit: string;
    short: string;
    department: string;
    slug: string;
  }
  const templates: Template[] = [];
  for (const u of DISTRICT_UNITS) {
    const unit = u.unit.replace('{d}', d.name);
    for (const [department, slug] of u.departments) {
      templates.push({
        level: 'district',
        divisionCode: d.code,
        unit,
        short: u.short,
        department,
        slug: `buyer-${districtSlug}-${u.slug}-${slug}`,
      });
    }
  }
  for (const s of geo.streets) {
    for (const [department, slug] of STREET_DEPARTMENTS) {
      templates.push({
        level: 'street',
        divisionCode: s.code,
        unit: s.name,
        short: s.name,
        department,
        slug: `buyer-${s.slug}-${slug}`,
      });
    }
  }
  // Fewer than all templates: a random but stable subset in catalogue order; more: further project teams per unit.
  const order = templates.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const chosen: Array<{ template: Template; round: number }> = [];
  for (let round = 1; chosen.length < count; round++) {
    const take = order.slice(0, Math.min(templates.length, count - chosen.length)).sort((a, b) => a - b);
    for (const i of take) chosen.push({ template: templates[i]!, round });
  }
  return chosen.map(({ template: t, round }, i) => {
    const team = round === 1 ? '' : `第${chineseNumber(round)}项目组`;
    return {
      key: `purchaser-${pad(i + 1, 3)}`,
      name: `${t.unit}${t.department}${team}（示例）`,
      level: t.level,
      divisionCode: t.divisionCode,
      department: t.department,
      accountUsername: `${t.slug}-${pad(round, 2)}`,
      accountDisplayName: `${t.short}${t.department}${team}购买方（示例）`,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Agencies.

const TRADE_NAMES = (
  '启明 同心 乐善 仁爱 阳光 和谐 春晖 博爱 暖心 益众 明德 致远 善缘 馨和 康乐 恒爱 融和 携手 晨曦 立德 德馨 心语 ' +
  '朗晴 安和 泰和 福源 惠民 朝阳 繁星 聚力 汇爱 知行 同行 长青 悦邻 守望 向阳 弘善 润心 沁园 锦绣 友邻 嘉和 善行 ' +
  '蓝天 彩虹 安康 怡乐 仁和 共融 启航 智善 民心 邻里 童心 乐活 惠仁 同德 济善 怀仁 和美 善美 乐群 慈晖 瑞和 正心 ' +
  '毓秀 晴川 清源 思源 汾江 梁园 季华 秀水'
).split(' ');
const TRADE_FIRST = '启同乐仁和春博暖益明致善馨康恒融晨德朗安泰福惠朝聚汇知悦守向弘润嘉怡共智慈瑞正清思'.split('');
const TRADE_SECOND = '明心善爱光晖众德远缘和乐行晴源民阳力邻望园美群川秀康宁信达华语苗禾'.split('');

const LEGAL_FORM_WEIGHTS = new Weighted<Agency['legalForm']>([
  ['private_non_enterprise', 85],
  ['social_group', 10],
  ['foundation', 5],
]);
const NAME_SUFFIXES: Record<Agency['legalForm'], Weighted<string>> = {
  private_non_enterprise: new Weighted([
    ['社会工作服务中心', 60],
    ['社工服务社', 20],
    ['社会工作发展中心', 10],
    ['社区服务中心', 10],
  ]),
  social_group: new Weighted([
    ['志愿服务联合会', 3],
    ['社区服务促进会', 3],
    ['公益服务协会', 3],
    ['长者服务协会', 1],
  ]),
  foundation: new Weighted([
    ['慈善基金会', 2],
    ['公益基金会', 2],
    ['社区基金会', 1],
  ]),
};
/** GB 32100 position 2 for organizations registered by 民政: 1 社会团体, 2 民办非企业单位, 3 基金会. */
const ORG_TYPE_CHAR: Record<Agency['legalForm'], string> = {
  social_group: '1',
  private_non_enterprise: '2',
  foundation: '3',
};

/** Agencies were founded when Foshan's government purchase of social work grew (2008–2024), most around 2012–2018. */
const FOUNDING_YEARS = new Weighted<number>([
  [2008, 1],
  [2009, 2],
  [2010, 3],
  [2011, 5],
  [2012, 7],
  [2013, 8],
  [2014, 8],
  [2015, 8],
  [2016, 7],
  [2017, 6],
  [2018, 6],
  [2019, 5],
  [2020, 4],
  [2021, 4],
  [2022, 3],
  [2023, 3],
  [2024, 2],
]);
type Rating = NonNullable<Agency['rating']>;
const RATINGS_YOUNG = new Weighted<Rating>([
  ['1A', 4],
  ['2A', 16],
  ['3A', 50],
  ['4A', 27],
  ['5A', 3],
]);
const RATINGS_ESTABLISHED = new Weighted<Rating>([
  ['1A', 1],
  ['2A', 6],
  ['3A', 38],
  ['4A', 45],
  ['5A', 10],
]);

/** Specialty codes from the taxonomy with how common they are in 禅城 (unknown future codes weigh 1). */
const SPECIALTY_WEIGHTS: Record<string, number> = {
  elderly: 20,
  children: 12,
  youth: 8,
  family: 12,
  disability: 8,
  social_assistance: 10,
  community: 15,
  school: 4,
  medical: 4,
  enterprise: 2,
  drug_rehab: 5,
  corrections: 4,
  veterans: 3,
  mental_health: 6,
  disaster: 1,
};
function termWeights(terms: readonly Term[], weights: Record<string, number>): Weighted<string> {
  return new Weighted(terms.map((t) => [t.code, weights[t.code] ?? 1] as const));
}
const SPECIALTY_CHOICE = termWeights(SPECIALTIES, SPECIALTY_WEIGHTS);

/** GB 11714 organization code: 8 characters and a check character (MJ… is the range issued to 社会组织). */
function organizationCode(rng: Rng): string {
  const letters = 'ABCDEFGHJKLMNPQRTUWXY';
  const body = `MJ${rng.pick(letters.split(''))}${pad(rng.int(0, 99_999), 5)}`;
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body.charCodeAt(i);
    sum += (ch <= 57 ? ch - 48 : ch - 55) * weights[i]!;
  }
  const c = 11 - (sum % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

function floorLabel(rng: Rng): string {
  const r = rng.next();
  if (r < 0.35) return '';
  if (r < 0.7) return `${rng.int(2, 5)}楼`;
  return `${rng.int(1, 6)}0${rng.int(1, 9)}室`;
}

function generateAgencies(rng: Rng, geo: Geography, count: number, todayDay: number, uniques: Uniques): Agency[] {
  const d = geo.district;
  const tradeNames: string[] = [];
  const usedTrade = new Set<string>();
  const curated = [...TRADE_NAMES];
  let collisions = 0;
  while (tradeNames.length < count) {
    let name: string;
    if (curated.length > 0) name = curated.splice(rng.int(0, curated.length - 1), 1)[0]!;
    else name = rng.pick(TRADE_FIRST) + rng.pick(TRADE_SECOND);
    if (usedTrade.has(name)) {
      // Benchmarks with thousands of agencies exhaust the combinations: then number them (the number is unique).
      if (++collisions < 30) continue;
      name += tradeNames.length + 1;
    }
    collisions = 0;
    usedTrade.add(name);
    tradeNames.push(name);
  }

  const creditCodes = new Set<string>();
  const latestFounding = Math.min(dayOf(2024, 12, 31), todayDay - 180);
  const agencies: Agency[] = tradeNames.map((trade, i) => {
    const legalForm = LEGAL_FORM_WEIGHTS.pick(rng);
    const name = `佛山市${d.name}${trade}${NAME_SUFFIXES[legalForm].pick(rng)}（示例）`;
    let creditCode: string;
    do {
      const body = `5${ORG_TYPE_CHAR[legalForm]}${d.code.slice(0, 6)}${organizationCode(rng)}`;
      creditCode = body + creditCodeCheckChar(body);
    } while (creditCodes.has(creditCode));
    creditCodes.add(creditCode);

    const year = FOUNDING_YEARS.pick(rng);
    const registered = Math.min(dayOf(year, 1, 1) + rng.int(0, 364), latestFounding);
    // Rated at least two years after registration (evaluation requires two years of operation); ratings last five.
    const eligibleFrom = addYears(registered, 2);
    let rating: Rating | null = null;
    let ratedOn: string | null = null;
    if (eligibleFrom <= todayDay - 30 && rng.chance(0.72)) {
      const lo = Math.max(eligibleFrom, addYears(todayDay, -5));
      const rated = rng.int(Math.min(lo, todayDay - 30), todayDay - 30);
      rating = (todayDay - registered > 8 * 365 ? RATINGS_ESTABLISHED : RATINGS_YOUNG).pick(rng);
      ratedOn = iso(rated);
    }

    const home = rng.pick(geo.streets);
    const office = rng.pick(home.communities);
    const at = point(rng, office.centre, 0.004);
    let serviceDivisionCodes: string[];
    if (rng.chance(0.15)) serviceDivisionCodes = [d.code];
    else {
      const codes = new Set([home.code]);
      const extra = rng.chance(0.5) ? rng.int(1, 2) : 0;
      for (let k = 0; k < extra; k++) codes.add(rng.pick(geo.streets).code);
      serviceDivisionCodes = [...codes].sort();
    }
    const serviceFields = SPECIALTY_CHOICE.pickDistinct(rng, rng.int(1, 4));
    const contactGender = rng.chance(0.7) ? 'female' : 'male';
    const roads = STREET_ROADS[home.code] ?? GENERIC_ROADS;
    return {
      key: `agency-${pad(i + 1, 3)}`,
      name,
      creditCode,
      legalForm,
      registeredOn: iso(registered),
      registrationAuthority: `佛山市${d.name}民政局`,
      rating,
      ratedOn,
      divisionCode: office.code,
      address: `广东省佛山市${d.name}${home.name}${rng.pick(roads)}${rng.int(1, 268)}号${floorLabel(rng)}`,
      latitude: round(at.lat, 6),
      longitude: round(at.lng, 6),
      serviceDivisionCodes,
      serviceFields,
      contactName: personName(rng, contactGender, yearOf(todayDay) - rng.int(28, 55)),
      contactMobile: uniques.mobile(rng),
      status: 'active' as Agency['status'],
    };
  });

  // About 3 in 60 suspended and 2 in 60 deregistered (a deregistered agency's rating lapses with it).
  const order = agencies.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const suspended = Math.round((count * 3) / 60);
  const deregistered = Math.round((count * 2) / 60);
  order.forEach((index, k) => {
    const agency = agencies[index]!;
    if (k < suspended) agency.status = 'suspended';
    else if (k < suspended + deregistered) {
      agency.status = 'deregistered';
      agency.rating = null;
      agency.ratedOn = null;
    }
  });
  return agencies;
}

// ---------------------------------------------------------------------------------------------------------------
// Workers.

const LEVELS = new Weighted<CredentialLevel>([
  ['assistant', 62],
  ['intermediate', 33],
  ['senior', 5],
]);
/** Earliest age at which each certificate is plausible (degree; years of practice for the higher levels). */
const MIN_ISSUE_AGE: Record<CredentialLevel, number> = { assistant: 21, intermediate: 24, senior: 32 };
const MIN_AGE: Record<CredentialLevel, number> = { assistant: 22, intermediate: 26, senior: 36 };
/** The national examinations began in 2008; 高级社会工作师 evaluation only in 2019. */
const PROGRAMME_START: Record<CredentialLevel, number> = {
  assistant: dayOf(2008, 10, 1),
  intermediate: dayOf(2008, 10, 1),
  senior: dayOf(2019, 1, 1),
};
const CERTIFICATE_PREFIX: Record<CredentialLevel, string> = { assistant: 'ZL', intermediate: 'ZJ', senior: 'GJ' };
/** Social workers in China are young: most are 25–40. */
const WORKER_AGES = new Weighted<readonly [number, number]>([
  [[22, 29], 34],
  [[30, 39], 38],
  [[40, 49], 20],
  [[50, 60], 8],
]);

const ROLES: Record<CredentialLevel, Weighted<string>> = {
  assistant: new Weighted([
    ['一线社工', 80],
    ['项目助理', 12],
    ['项目主管', 8],
  ]),
  intermediate: new Weighted([
    ['一线社工', 40],
    ['项目主管', 35],
    ['督导助理', 15],
    ['中心副主任', 10],
  ]),
  senior: new Weighted([
    ['督导', 45],
    ['中心主任', 30],
    ['项目主管', 25],
  ]),
};

const GENERAL_COURSES = [
  '社会工作伦理',
  '个案管理',
  '小组工作方法',
  '督导技巧',
  '社会工作法规与政策',
  '项目设计与评估',
  '政府购买服务项目管理',
  '社会工作文书写作',
  '危机干预',
  '心理急救',
  '社区营造与居民参与',
  '叙事治疗',
  '社会工作研究方法',
];
const SPECIALTY_COURSES: Record<string, readonly string[]> = {
  elderly: ['老年社会工作实务', '长者认知障碍照护', '居家养老服务实务'],
  children: ['儿童保护', '困境儿童个案工作', '儿童游戏治疗'],
  youth: ['青少年成长辅导', '青少年偏差行为干预'],
  family: ['家庭治疗入门', '婚姻家庭辅导', '反家庭暴力实务'],
  disability: ['残障人士服务实务', '康复社会工作'],
  social_assistance: ['社会救助政策解读', '低收入家庭个案管理'],
  community: ['社区营造与居民参与', '社区需求评估'],
  school: ['学校社会工作实务'],
  medical: ['医务社会工作', '安宁疗护社会工作'],
  enterprise: ['企业员工援助计划'],
  drug_rehab: ['禁毒社会工作', '社区戒毒康复实务'],
  corrections: ['社区矫正社会工作'],
  veterans: ['退役军人服务实务'],
  mental_health: ['精神健康社会工作', '抑郁与焦虑识别'],
  disaster: ['灾害社会工作', '应急救援中的社会工作'],
};
const PROVIDERS = new Weighted<string>([
  ['佛山市社会工作协会（示例）', 35],
  ['广东省社会工作师联合会（示例）', 25],
  ['禅城区社工督导中心（示例）', 25],
  ['佛山市社会工作继续教育基地（示例）', 10],
  ['中山大学社会工作培训中心（示例）', 5],
]);
/** Course lengths in hours (2–40, whole or half hours): short workshops are the bulk. */
const COURSE_HOURS = new Weighted<number>([
  [2, 8],
  [2.5, 3],
  [3, 12],
  [4, 12],
  [6, 14],
  [7.5, 4],
  [8, 12],
  [12, 10],
  [16, 8],
  [18, 3],
  [24, 6],
  [32, 4],
  [40, 3],
]);

const NOTES_GENERAL = [
  '有十年以上社区工作经验',
  '可提供粤语、普通话双语服务',
  '周末可参与社区活动',
  '具备项目管理经验，曾任项目主管',
  '正在攻读社会工作硕士（MSW）',
  '持有急救员证',
  '持有心理咨询师证书',
  '熟悉政府购买服务项目流程',
  '擅长活动策划与志愿者管理',
];
const NOTES_BY_SPECIALTY: Record<string, readonly string[]> = {
  elderly: ['擅长长者个案，持有心理咨询师证书', '熟悉居家养老服务与长者评估'],
  children: ['擅长儿童青少年小组工作', '熟悉困境儿童保护流程'],
  youth: ['擅长儿童青少年小组工作'],
  family: ['持有婚姻家庭咨询师证书', '擅长家庭关系辅导'],
  disability: ['熟悉残障人士康复服务'],
  social_assistance: ['熟悉社会救助政策'],
  drug_rehab: ['曾参与禁毒项目督导'],
  corrections: ['熟悉社区矫正对象帮扶工作'],
  mental_health: ['擅长情绪支持与危机干预'],
  medical: ['有医院医务社工驻点经验'],
};

const AVAILABILITY = new Weighted<Worker['availability']>([
  ['available', 70],
  ['limited', 22],
  ['unavailable', 8],
]);

interface AgencyPool {
  /** Sorted by registration day, with that day alongside for binary search. */
  all: Array<{ agency: Agency; registered: number }>;
  current: Array<{ agency: Agency; registered: number }>;
  byKey: Map<string, Agency>;
}

function agencyPool(agencies: readonly Agency[]): AgencyPool {
  const dayOfIso = (s: string) => Date.parse(`${s}T00:00:00Z`) / DAY_MS;
  const all = agencies
    .map((agency) => ({ agency, registered: dayOfIso(agency.registeredOn) }))
    .sort((a, b) => a.registered - b.registered || a.agency.key.localeCompare(b.agency.key));
  return {
    all,
    current: all.filter((a) => a.agency.status !== 'deregistered'),
    byKey: new Map(agencies.map((a) => [a.key, a])),
  };
}

/** A random agency registered before `day` (or null), avoiding `except` when there is a choice. */
function agencyBefore(
  rng: Rng,
  list: AgencyPool['all'],
  day: number,
  except: string | null,
): AgencyPool['all'][number] | null {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.registered < day) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const choice = list[rng.int(0, lo - 1)]!;
    if (choice.agency.key !== except) return choice;
  }
  return null;
}

function birthDayForAge(rng: Rng, todayDay: number, age: number): number {
  // Someone aged `age` today was born after today − (age + 1) years and on or before today − age years.
  const earliest = addYears(todayDay, -(age + 1)) + 1;
  const latest = addYears(todayDay, -age);
  return rng.int(earliest, latest);
}

function ceRecordsFor(
  rng: Rng,
  out: Worker['ceRecords'],
  from: number,
  to: number,
  targetMinutes: number,
  mode: 'reach' | 'stay_below',
  specialties: readonly string[],
) {
  const minutes: number[] = [];
  let sum = 0;
  for (;;) {
    const m = COURSE_HOURS.pick(rng) * 60;
    if (mode === 'reach') {
      if (sum >= targetMinutes) break;
    } else if (sum + m > targetMinutes) {
      if (sum + 120 > targetMinutes) break;
      continue; // try a shorter course
    }
    minutes.push(m);
    sum += m;
  }
  // Dates drawn independently and sorted (a typed array sorts numerically without a comparator).
  const days = new Int32Array(minutes.length);
  for (let i = 0; i < days.length; i++) days[i] = rng.int(from, to);
  days.sort();
  for (let i = 0; i < days.length; i++) {
    const specific = specialties.length > 0 && rng.chance(0.5) ? SPECIALTY_COURSES[rng.pick(specialties)] : undefined;
    out.push({
      course: rng.pick(specific ?? GENERAL_COURSES),
      provider: PROVIDERS.pick(rng),
      minutes: minutes[i]!,
      completedOn: iso(days[i]!),
    });
  }
}

type ExpiryBucket = 'within_30' | 'within_90' | 'expired' | 'normal';

function generateWorker(
  rng: Rng,
  index: number,
  width: number,
  todayDay: number,
  geo: Geography,
  pool: AgencyPool,
  uniques: Uniques,
  certificateCounters: Map<string, number>,
): Worker {
  const level = LEVELS.pick(rng);
  const gender = rng.chance(0.75) ? 'female' : 'male';
  const maxIssue = todayDay - 20;

  // Age first (conditioned on the level), then the earliest day the certificate could have been issued.
  let birth = 0;
  let minIssue = 0;
  for (let attempt = 0; ; attempt++) {
    const [youngest, oldest] = WORKER_AGES.pick(rng);
    if (oldest < MIN_AGE[level]) continue;
    const age = rng.int(Math.max(youngest, MIN_AGE[level]), oldest);
    birth = birthDayForAge(rng, todayDay, age);
    minIssue = Math.max(PROGRAMME_START[level], addYears(birth, MIN_ISSUE_AGE[level]));
    if (minIssue <= maxIssue || attempt > 20) break;
  }
  minIssue = Math.min(minIssue, maxIssue);

  // Registration: choose when the last period ends (a controlled share expire soon or have just expired), then
  // how many 3-year periods lie between the certificate and that end.
  const r = rng.next();
  let bucket: ExpiryBucket = r < 0.02 ? 'within_30' : r < 0.05 ? 'within_90' : r < 0.065 ? 'expired' : 'normal';
  const earliestEnd = addYears(minIssue, 3) - 1;
  const latestEnd = addYears(maxIssue, 3) - 1;
  const windows: Record<ExpiryBucket, readonly [number, number]> = {
    within_30: [todayDay, todayDay + 30],
    within_90: [todayDay + 31, todayDay + 90],
    expired: [todayDay - 150, todayDay - 1],
    normal: [todayDay + 91, latestEnd],
  };
  let [lo, hi] = windows[bucket];
  if (Math.max(lo, earliestEnd) > Math.min(hi, latestEnd)) {
    bucket = 'normal';
    [lo, hi] = windows.normal;
  }
  lo = Math.max(lo, earliestEnd);
  hi = Math.min(hi, latestEnd);
  let end = rng.int(lo, hi);
  // Periods must not start on 29 February, so that every later period starts on the same day of the year.
  if (isLeapDay(end + 1)) end += end - 1 >= lo ? -1 : 1;
  const lastFrom = addYears(end + 1, -3);
  let periods = 1;
  while (addYears(lastFrom, -3 * periods) >= minIssue) periods++;
  periods = rng.int(1, periods);
  const issued = addYears(lastFrom, -3 * (periods - 1));

  const issueYear = yearOf(issued);
  const counterKey = `${CERTIFICATE_PREFIX[level]}${issueYear}`;
  const serial = (certificateCounters.get(counterKey) ?? rng.int(0, 300)) + rng.int(1, 4);
  certificateCounters.set(counterKey, serial);

  const origin = WORKER_ORIGINS.pick(rng);
  const idNumber = uniques.idNumber(rng, rng.pick(REGIONS[origin]), birth, gender);
  const birthYear = yearOf(birth);
  const name = personName(rng, gender, birthYear);

  // Employment: a career starting after graduation, split into 1–3 jobs; about 4 % are between jobs today.
  const employment: Worker['employment'] = [];
  const careerStart = Math.min(Math.max(addYears(birth, 21) + rng.int(0, 730), dayOf(2008, 7, 1)), todayDay - 60);
  const betweenJobs = rng.chance(0.04);
  const careerEnd = betweenJobs ? todayDay - rng.int(30, 300) : todayDay;
  const years = (careerEnd - careerStart) / 365;
  const jobs =
    betweenJobs && rng.chance(0.25) ? 0 : 1 + (years > 3 ? rng.int(0, Math.min(2, Math.floor(years / 3))) : 0);
  const cuts: number[] = [];
  for (let k = 1; k < jobs; k++) cuts.push(rng.int(careerStart + 90, careerEnd - 90));
  cuts.sort((a, b) => a - b);
  let previous: string | null = null;
  for (let k = 0; k < jobs; k++) {
    const segmentStart = k === 0 ? careerStart : cuts[k - 1]! + rng.int(1, 45);
    const segmentEnd = k === jobs - 1 ? careerEnd : cuts[k]!;
    const isCurrent = k === jobs - 1 && !betweenJobs;
    const choice = agencyBefore(rng, isCurrent ? pool.current : pool.all, segmentEnd - 30, previous);
    if (!choice) continue;
    const started = Math.max(segmentStart, choice.registered + rng.int(1, 60));
    if (started >= segmentEnd) continue;
    employment.push({
      agencyKey: choice.agency.key,
      // Earlier jobs were junior ones; the last reflects today's level.
      role: (k === jobs - 1 ? ROLES[level] : ROLES.assistant).pick(rng),
      startedOn: iso(started),
      endedOn: isCurrent ? null : iso(segmentEnd),
    });
    previous = choice.agency.key;
  }
  const last = employment[employment.length - 1];
  const agency = last && last.endedOn === null ? (pool.byKey.get(last.agencyKey) ?? null) : null;

  // Specialties lean to the fields of the current agency.
  const specialties: string[] = [];
  const wanted = rng.int(1, 3);
  if (agency && rng.chance(0.6)) specialties.push(rng.pick(agency.serviceFields));
  for (const code of SPECIALTY_CHOICE.pickDistinct(rng, wanted)) {
    if (specialties.length < wanted && !specialties.includes(code)) specialties.push(code);
  }

  // Where they mostly work: one of the agency's streets (any street for district-wide agencies), often a community.
  const streetCodes = agency?.serviceDivisionCodes.filter((c) => c !== geo.district.code) ?? [];
  const street = streetCodes.length > 0 ? geo.streets.find((s) => s.code === rng.pick(streetCodes)) : undefined;
  const workStreet = street ?? rng.pick(geo.streets);
  const divisionCode = rng.chance(0.65) ? rng.pick(workStreet.communities).code : workStreet.code;

  const languages = ['mandarin'];
  if (rng.chance(CANTONESE_BY_ORIGIN[origin])) languages.push('cantonese');
  if (origin === 'hakka' || rng.chance(0.02)) languages.push('hakka');
  if (origin === 'teochew' || rng.chance(0.01)) languages.push('teochew');
  if (rng.chance(birthYear >= 1985 ? 0.2 : 0.08)) languages.push('english');
  if (rng.chance(0.02)) languages.push('sign');

  let notes = '';
  if (rng.chance(0.3)) {
    const specific = NOTES_BY_SPECIALTY[specialties[0] ?? ''];
    notes = specific && rng.chance(0.6) ? rng.pick(specific) : rng.pick(NOTES_GENERAL);
  }
  if (languages.includes('sign') && rng.chance(0.5)) notes = '可使用手语沟通';

  // Registration periods and the CE hours in each: earlier periods mostly complete; the current one on track for
  // about 80 % of workers and short for the rest; a lapsed registration is short more often than not.
  const registrations: Worker['registrations'] = [];
  const ceRecords: Worker['ceRecords'] = [];
  const required = CE_REQUIRED_HOURS[level] * 60;
  for (let k = 0; k < periods; k++) {
    const from = addYears(issued, 3 * k);
    const to = addYears(issued, 3 * (k + 1)) - 1;
    registrations.push({ validFrom: iso(from), validTo: iso(to) });
    const isLast = k === periods - 1;
    if (!isLast || to < todayDay) {
      const complete = isLast ? rng.chance(0.45) : rng.chance(0.93);
      if (complete) ceRecordsFor(rng, ceRecords, from, to, required * rng.between(1, 1.35), 'reach', specialties);
      else ceRecordsFor(rng, ceRecords, from, to, required * rng.between(0.55, 0.95), 'stay_below', specialties);
    } else {
      const share = (todayDay - from + 1) / (to - from + 1);
      if (rng.chance(0.8)) {
        let target = required * share * rng.between(1.05, 1.45);
        if (share > 0.85) target = Math.max(target, required * rng.between(1, 1.2));
        ceRecordsFor(rng, ceRecords, from, todayDay, target, 'reach', specialties);
      } else {
        ceRecordsFor(
          rng,
          ceRecords,
          from,
          todayDay,
          required * share * rng.between(0.15, 0.9),
          'stay_below',
          specialties,
        );
      }
    }
  }

  const availability = agency ? AVAILABILITY.pick(rng) : rng.chance(0.8) ? 'available' : 'limited';
  return {
    key: `worker-${pad(index + 1, width)}`,
    name,
    gender,
    birthDate: iso(birth),
    idNumber,
    mobile: uniques.mobile(rng),
    agencyKey: agency?.key ?? null,
    divisionCode,
    specialties,
    languages,
    availability,
    notes,
    credential: { level, certificateNo: `${counterKey}${pad(serial, 6)}`, issuedOn: iso(issued) },
    registrations,
    ceRecords,
    employment,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Volunteers and residents.

const VOLUNTEER_AGES = new Weighted<readonly [number, number]>([
  [[16, 22], 20],
  [[23, 45], 30],
  [[46, 60], 22],
  [[61, 80], 28],
]);
const SKILLS_YOUNG = termWeights(SKILLS, {
  tutoring: 6,
  digital_help: 6,
  photography: 4,
  arts: 4,
  first_aid: 3,
  companionship: 3,
});
const SKILLS_ADULT = termWeights(SKILLS, {
  legal: 3,
  medical_care: 3,
  repair: 4,
  transport: 4,
  first_aid: 3,
  companionship: 3,
  cooking: 2,
  tutoring: 2,
  digital_help: 2,
});
const SKILLS_SENIOR = termWeights(SKILLS, { companionship: 8, haircut: 4, cooking: 5, arts: 4, repair: 2 });
const SKILL_COUNTS = new Weighted<number>([
  [0, 15],
  [1, 40],
  [2, 30],
  [3, 15],
]);

function generateVolunteer(
  rng: Rng,
  index: number,
  todayDay: number,
  geo: Geography,
  uniques: Uniques,
  districtCode: string,
): Volunteer {
  const [lo, hi] = VOLUNTEER_AGES.pick(rng);
  const age = rng.int(lo, hi);
  const birth = birthDayForAge(rng, todayDay, age);
  const gender = rng.chance(0.6) ? 'female' : 'male';
  const origin = VOLUNTEER_ORIGINS.pick(rng);
  const idNumber = uniques.idNumber(rng, rng.pick(REGIONS[origin]), birth, gender);
  const community = rng.pick(geo.communities);
  const at = point(rng, community.centre, 0.005);
  const isVolunteer = rng.chance(0.8);
  const skills = (age < 30 ? SKILLS_YOUNG : age < 60 ? SKILLS_ADULT : SKILLS_SENIOR).pickDistinct(
    rng,
    isVolunteer ? SKILL_COUNTS.pick(rng) : rng.chance(0.4) ? 1 : 0,
  );
  return {
    key: `volunteer-${pad(index + 1, 6)}`,
    name: personName(rng, gender, yearOf(birth)),
    gender,
    birthDate: iso(birth),
    idNumber,
    mobile: uniques.mobile(rng),
    divisionCode: community.code,
    latitude: round(at.lat, 3),
    longitude: round(at.lng, 3),
    skills,
    volunteerNo: `V${districtCode}-${pad(index + 1, 6)}`,
    contactConsent: rng.chance(0.85),
    isVolunteer,
  };
}

// ---------------------------------------------------------------------------------------------------------------

function countOption(value: number | undefined, fallback: number, name: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`generateRegistry: ${name} must be a whole number ≥ 0`);
  return n;
}

export function generateRegistry(options: GeneratorOptions): GeneratedRegistry {
  const todayMs = options.today.getTime();
  if (!Number.isFinite(todayMs)) throw new RangeError('generateRegistry: today is not a valid date');
  const todayDay = Math.floor((todayMs + CHINA_OFFSET_MS) / DAY_MS);
  // Agencies are founded up to 2024 and senior certificates exist from 2019: earlier reference dates make no sense.
  if (todayDay < dayOf(2025, 1, 1)) throw new RangeError('generateRegistry: today must be 2025-01-01 or later');
  if (!Number.isFinite(options.seed)) throw new RangeError('generateRegistry: seed must be a finite number');

  const purchaserCount = countOption(options.purchasers, 100, 'purchasers');
  const agencyCount = countOption(options.agencies, 60, 'agencies');
  const workerCount = countOption(options.workers, 1360, 'workers');
  const volunteerCount = countOption(options.volunteers, 3000, 'volunteers');

  const geo = buildGeography(options.divisions);
  const uniques = new Uniques();

  const purchasers = generatePurchasers(new Rng(options.seed, 1), geo, purchaserCount);
  const agencies = generateAgencies(new Rng(options.seed, 2), geo, agencyCount, todayDay, uniques);

  const pool = agencyPool(agencies);
  const workerRng = new Rng(options.seed, 3);
  const width = Math.max(6, String(workerCount).length);
  const certificateCounters = new Map<string, number>();
  const workers: Worker[] = new Array(workerCount);
  for (let i = 0; i < workerCount; i++) {
    workers[i] = generateWorker(workerRng, i, width, todayDay, geo, pool, uniques, certificateCounters);
  }

  const volunteerRng = new Rng(options.seed, 4);
  const volunteers: Volunteer[] = new Array(volunteerCount);
  for (let i = 0; i < volunteerCount; i++) {
    volunteers[i] = generateVolunteer(volunteerRng, i, todayDay, geo, uniques, geo.district.code);
  }

  return { purchasers, agencies, workers, volunteers };
}
