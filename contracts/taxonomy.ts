/**
 * Managed taxonomies shipped as initial data (the bureau can add and retire terms later). Codes are stable
 * identifiers stored on records; names are shown per language.
 */
export interface Term {
  code: string;
  zh: string;
  en: string;
}

/** 社会工作专业领域 (specialties of workers, service fields of agencies). */
export const SPECIALTIES: readonly Term[] = [
  { code: 'elderly', zh: '老年', en: 'Older people' },
  { code: 'children', zh: '儿童', en: 'Children' },
  { code: 'youth', zh: '青少年', en: 'Youth' },
  { code: 'family', zh: '妇女家庭', en: 'Women and families' },
  { code: 'disability', zh: '残障', en: 'Disability' },
  { code: 'social_assistance', zh: '社会救助', en: 'Social assistance' },
  { code: 'community', zh: '社区', en: 'Community' },
  { code: 'school', zh: '学校', en: 'School' },
  { code: 'medical', zh: '医务', en: 'Medical' },
  { code: 'enterprise', zh: '企业', en: 'Enterprise' },
  { code: 'drug_rehab', zh: '禁毒', en: 'Drug rehabilitation' },
  { code: 'corrections', zh: '矫正', en: 'Community corrections' },
  { code: 'veterans', zh: '退役军人', en: 'Veterans' },
  { code: 'mental_health', zh: '心理健康', en: 'Mental health' },
  { code: 'disaster', zh: '防灾减灾', en: 'Disaster relief' },
];

export const LANGUAGES: readonly Term[] = [
  { code: 'mandarin', zh: '普通话', en: 'Mandarin' },
  { code: 'cantonese', zh: '粤语', en: 'Cantonese' },
  { code: 'hakka', zh: '客家话', en: 'Hakka' },
  { code: 'teochew', zh: '潮汕话', en: 'Teochew' },
  { code: 'english', zh: '英语', en: 'English' },
  { code: 'sign', zh: '手语', en: 'Sign language' },
];

/** Skills of volunteers and residents (shared with the sharing module later). */
export const SKILLS: readonly Term[] = [
  { code: 'companionship', zh: '陪伴探访', en: 'Companionship visits' },
  { code: 'haircut', zh: '理发', en: 'Haircuts' },
  { code: 'repair', zh: '家电维修', en: 'Appliance repair' },
  { code: 'tutoring', zh: '课业辅导', en: 'Tutoring' },
  { code: 'first_aid', zh: '急救', en: 'First aid' },
  { code: 'legal', zh: '法律咨询', en: 'Legal advice' },
  { code: 'medical_care', zh: '医疗护理', en: 'Nursing care' },
  { code: 'cooking', zh: '烹饪', en: 'Cooking' },
  { code: 'digital_help', zh: '智能手机教学', en: 'Smartphone help' },
  { code: 'transport', zh: '接送出行', en: 'Transport' },
  { code: 'arts', zh: '文艺表演', en: 'Performing arts' },
  { code: 'photography', zh: '摄影', en: 'Photography' },
];

/** 特殊困难群体 categories of service beneficiaries (a person may be in several). */
export const BENEFICIARY_CATEGORIES: readonly Term[] = [
  { code: 'living_alone_elderly', zh: '独居老人', en: 'Older person living alone' },
  { code: 'very_old', zh: '高龄老人', en: 'Very old (80+)' },
  { code: 'disabled_care', zh: '失能', en: 'Unable to care for self' },
  { code: 'semi_disabled_care', zh: '半失能', en: 'Partly unable to care for self' },
  { code: 'disabled_person', zh: '残疾人', en: 'Person with a disability' },
  { code: 'dibao', zh: '低保', en: 'Minimum living allowance (dibao)' },
  { code: 'tekun', zh: '特困', en: 'Extreme poverty support (tekun)' },
  { code: 'dibao_edge', zh: '低保边缘', en: 'Just above the dibao line' },
  { code: 'children_in_difficulty', zh: '困境儿童', en: 'Children in difficulty' },
  { code: 'left_behind_children', zh: '留守儿童', en: 'Left-behind children' },
  { code: 'left_behind_elderly', zh: '留守老人', en: 'Left-behind older people' },
  { code: 'entitled_veterans', zh: '优抚对象', en: 'Entitled veterans and families' },
];

export const CREDENTIAL_LEVELS = ['assistant', 'intermediate', 'senior'] as const;
export type CredentialLevel = (typeof CREDENTIAL_LEVELS)[number];
export const CREDENTIAL_LEVEL_NAMES: Record<CredentialLevel, { zh: string; en: string }> = {
  assistant: { zh: '助理社会工作师', en: 'Assistant social worker' },
  intermediate: { zh: '社会工作师', en: 'Social worker' },
  senior: { zh: '高级社会工作师', en: 'Senior social worker' },
};

/** Continuing-education hours required per 3-year registration period. */
export const CE_REQUIRED_HOURS: Record<CredentialLevel, number> = { assistant: 72, intermediate: 90, senior: 90 };

export const LEGAL_FORMS = ['private_non_enterprise', 'social_group', 'foundation'] as const;
export const LEGAL_FORM_NAMES: Record<(typeof LEGAL_FORMS)[number], string> = {
  private_non_enterprise: '民办非企业单位',
  social_group: '社会团体',
  foundation: '基金会',
};

export const AGENCY_RATINGS = ['1A', '2A', '3A', '4A', '5A'] as const;
