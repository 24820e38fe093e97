import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import type { ValidationIssue } from '../../../contracts/errors';
import type { Locale } from './i18n';

/** Custom-refinement messages are codes (see contracts/api/common.ts); these are their texts. */
const CUSTOM_MESSAGES: Record<string, { zh: string; en: string }> = {
  'text.control_characters': { zh: '含有不允许的控制字符', en: 'contains control characters that are not allowed' },
  'division.code_format': { zh: '行政区划代码应为 6、9 或 12 位数字', en: 'a division code has 6, 9 or 12 digits' },
  'user.username_format': {
    zh: '用户名只能包含字母、数字、点、下划线和连字符，并以字母或数字开头',
    en: 'use letters, digits, dot, underscore and hyphen, starting with a letter or digit',
  },
};

/** A request part failed its schema; carries the zod issues so the error handler can localise them. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly part: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(`invalid ${part}`);
  }
}

/** Fastify validator compiler that keeps zod's issues instead of flattening them to text. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // Fastify gives a request without a body `null`; treat it (and a literal JSON null) as absent.
    const result = schema.safeParse(httpPart === 'body' && data === null ? undefined : data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(httpPart ?? 'body', result.error.issues) };
  };

const PART_NAMES: Record<string, string> = { querystring: 'query', params: 'params', headers: 'headers', body: 'body' };

export function formatIssues(part: string, issues: z.core.$ZodIssue[], locale: Locale): ValidationIssue[] {
  const prefix = PART_NAMES[part] ?? part;
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: `${base}.${key}`, code: 'unrecognized_key', message: describe(issue, locale) });
      }
      continue;
    }
    out.push({ field: base, code: issueCode(issue), message: describe(issue, locale) });
  }
  return out;
}

function issueCode(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' || issue.code === 'invalid_format') {
    const custom = issue.message && CUSTOM_MESSAGES[issue.message] ? issue.message : undefined;
    if (custom) return custom;
  }
  return issue.code;
}

function describe(issue: z.core.$ZodIssue, locale: Locale): string {
  const en = locale === 'en';
  const custom = CUSTOM_MESSAGES[issue.message];
  if (custom) return en ? custom.en : custom.zh;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return en ? 'is required' : '为必填项';
      return en ? `must be of type ${issue.expected}` : `类型应为 ${typeName(issue.expected)}`;
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string')
        return min === '1'
          ? en
            ? 'must not be empty'
            : '不能为空'
          : en
            ? `must be at least ${min} characters`
            : `至少 ${min} 个字符`;
      if (issue.origin === 'array') return en ? `must have at least ${min} items` : `至少 ${min} 项`;
      return en ? `must be at least ${min}` : `不能小于 ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return en ? `must be at most ${max} characters` : `不能超过 ${max} 个字符`;
      if (issue.origin === 'array') return en ? `must have at most ${max} items` : `最多 ${max} 项`;
      return en ? `must be at most ${max}` : `不能大于 ${max}`;
    }
    case 'invalid_format':
      return en ? `is not a valid ${issue.format}` : `格式不正确（应为 ${formatName(issue.format)}）`;
    case 'invalid_value':
      return en
        ? `must be one of: ${issue.values.map(String).join(', ')}`
        : `取值应为以下之一：${issue.values.map(String).join('、')}`;
    case 'unrecognized_keys':
      return en ? 'is not an allowed field' : '不是允许的字段';
    case 'not_multiple_of':
      return en ? `must be a multiple of ${String(issue.divisor)}` : `应为 ${String(issue.divisor)} 的倍数`;
    default:
      return en ? 'is invalid' : '无效';
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    string: '文本',
    number: '数字',
    int: '整数',
    boolean: '布尔值',
    object: '对象',
    array: '数组',
  };
  return names[t] ?? t;
}

function formatName(f: string): string {
  const names: Record<string, string> = {
    uuid: 'UUID',
    datetime: 'ISO 8601 日期时间',
    regex: '规定格式',
    email: '电子邮箱',
  };
  return names[f] ?? f;
}
