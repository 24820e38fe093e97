import { EVALUATION_ERROR_CODES } from './error-codes/evaluations';
import { PROCUREMENT_ERROR_CODES } from './error-codes/procurement';
import { PROJECT_ERROR_CODES } from './error-codes/projects';
import { SERVICE_ERROR_CODES } from './error-codes/services';

/**
 * One error type for the whole server. A code is a stable string; this map gives its HTTP status and its
 * zh-CN/en message. Messages may use {placeholders} filled from `details`.
 */
export const ERROR_CODES = {
  ...PROJECT_ERROR_CODES,
  ...EVALUATION_ERROR_CODES,
  ...PROCUREMENT_ERROR_CODES,
  ...SERVICE_ERROR_CODES,
  'request.invalid_json': { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  'request.invalid_utf8': {
    status: 400,
    zh: '请求内容不是有效的 UTF-8 文本',
    en: 'The request body is not valid UTF-8',
  },
  'request.invalid_text': {
    status: 400,
    zh: '请求中含有不允许的字符（如空字符或不成对的代理字符）',
    en: 'The request contains characters that are not allowed (such as NUL or unpaired surrogates)',
  },
  'request.too_deep': { status: 400, zh: '请求内容嵌套过深', en: 'The request body is nested too deeply' },
  'request.empty_body': { status: 400, zh: '请求内容为空', en: 'The request body is empty' },
  'request.body_too_large': {
    status: 413,
    zh: '请求内容过大（上限 {limit} 字节）',
    en: 'The request body is too large (limit {limit} bytes)',
  },
  'request.unsupported_media_type': {
    status: 415,
    zh: '不支持的内容类型，请使用 application/json',
    en: 'Unsupported content type; use application/json',
  },
  'request.malformed': { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  'idempotency.key_invalid': {
    status: 400,
    zh: 'Idempotency-Key 须为 8–200 个可见 ASCII 字符',
    en: 'Idempotency-Key must be 8 to 200 visible ASCII characters',
  },
  'idempotency.key_reused': {
    status: 422,
    zh: '该 Idempotency-Key 已用于另一个请求，请为新的请求使用新的键',
    en: 'This Idempotency-Key was used for a different request; use a new key for a new request',
  },
  'idempotency.in_progress': {
    status: 409,
    zh: '相同的请求正在处理中，请稍后重试',
    en: 'The same request is still being processed; retry shortly',
  },
  'request.method_not_allowed': { status: 405, zh: '不支持该请求方法', en: 'Method not allowed' },
  'validation.failed': {
    status: 400,
    zh: '提交的数据有误，请检查标出的字段',
    en: 'Some fields are invalid; please check them',
  },
  'auth.required': { status: 401, zh: '请先登录', en: 'Please sign in' },
  'auth.session_expired': {
    status: 401,
    zh: '会话已过期，请重新登录',
    en: 'Your session has expired; please sign in again',
  },
  'auth.invalid_credentials': { status: 401, zh: '用户名或密码错误', en: 'Incorrect username or password' },
  'auth.locked': {
    status: 429,
    zh: '密码连续错误次数过多，账号已锁定，请在 {minutes} 分钟后再试',
    en: 'Too many failed sign-in attempts; the account is locked. Try again in {minutes} minutes',
  },
  'auth.rate_limited': {
    status: 429,
    zh: '来自该地址的登录失败次数过多，请在 {minutes} 分钟后再试',
    en: 'Too many failed sign-in attempts from this address. Try again in {minutes} minutes',
  },
  'auth.disabled': {
    status: 403,
    zh: '账号已停用，请联系管理员',
    en: 'This account is disabled; please contact your administrator',
  },
  'auth.csrf': {
    status: 403,
    zh: '请求缺少有效的安全令牌（x-csrf-token），请刷新页面后重试',
    en: 'The request lacks a valid security token (x-csrf-token); reload the page and try again',
  },
  'auth.password_change_required': {
    status: 403,
    zh: '请先修改初始密码',
    en: 'Please change your initial password first',
  },
  'auth.forbidden': { status: 403, zh: '您没有执行此操作的权限', en: 'You do not have permission to do this' },
  'auth.password_policy': {
    status: 400,
    zh: '新密码不符合要求：至少 8 位，包含大写字母、小写字母、数字、符号中的至少 3 类，且不能包含用户名',
    en: 'The new password does not meet the policy: at least 8 characters, at least 3 of upper case, lower case, digits and symbols, and not containing the username',
  },
  'auth.password_reused': {
    status: 400,
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  not_found: { status: 404, zh: '未找到该资源', en: 'Not found' },
  'route.not_found': { status: 404, zh: '接口不存在', en: 'No such API endpoint' },
  'conflict.stale_version': {
    status: 409,
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'This record was changed by someone else; reload and try again',
  },
  'user.username_taken': { status: 409, zh: '用户名已被使用', en: 'This username is already taken' },
  'user.cannot_disable_self': { status: 409, zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  'membership.exists': {
    status: 409,
    zh: '该用户在此机构已有此角色',
    en: 'The user already has this role in this organization',
  },
  'membership.role_not_allowed': {
    status: 400,
    zh: '角色“{role}”不能授予在“{kind}”类机构中',
    en: 'Role "{role}" cannot be granted in an organization of kind "{kind}"',
  },
  'membership.last_admin': {
    status: 409,
    zh: '不能撤销最后一个民政局管理员角色',
    en: 'The last bureau administrator role cannot be revoked',
  },
  'organization.credit_code_taken': {
    status: 409,
    zh: '该统一社会信用代码已被“{name}”登记',
    en: 'This unified social credit code is already registered by "{name}"',
  },
  'worker.duplicate': {
    status: 409,
    zh: '该身份证号已登记为社工，不能重复登记',
    en: 'A social worker with this ID number is already registered',
  },
  'resident.duplicate': {
    status: 409,
    zh: '该身份证号已登记，不能重复登记',
    en: 'A resident with this ID number is already registered',
  },
  'credential.verified': {
    status: 409,
    zh: '证书已由民政局核验，如需更正请联系民政局',
    en: 'The credential has been verified by the bureau; ask the bureau to correct it',
  },
  'registration.no_credential': {
    status: 409,
    zh: '该社工尚未登记职业水平证书',
    en: 'This social worker has no credential on record',
  },
  'registration.before_credential': {
    status: 409,
    zh: '登记有效期不能早于证书取得日期（{issuedOn}）',
    en: 'A registration cannot start before the credential was issued ({issuedOn})',
  },
  'registration.overlap': {
    status: 409,
    zh: '与已有登记期（{validFrom} 至 {validTo}）重叠',
    en: 'Overlaps an existing registration period ({validFrom} to {validTo})',
  },
  'worker.not_employed': {
    status: 409,
    zh: '该社工目前没有在职的聘用记录，无需结束聘用或调动',
    en: 'This social worker has no current employment to end or transfer',
  },
  'worker.employed_elsewhere': {
    status: 409,
    zh: '该社工目前受聘于其他社工机构，须由该机构先结束聘用（或由民政局办理调动）后才能聘用',
    en: 'This social worker is employed by another agency; that agency must end the employment first (or the bureau can transfer the worker)',
  },
  'worker.already_employed_here': {
    status: 409,
    zh: '该社工已在该机构任职',
    en: 'This social worker is already employed by this agency',
  },
  'worker.not_registered': {
    status: 404,
    zh: '未找到该身份证号的社工登记。新入行的社工请先通过“登记社工”录入',
    en: 'No social worker is registered with this ID number. Register a new social worker with "Register a social worker" first',
  },
  'organization.not_active': {
    status: 409,
    zh: '该社工机构已暂停或注销，不能聘用或调入社工',
    en: 'This agency is suspended or deregistered and cannot take on social workers',
  },
  'photo.unsupported_type': {
    status: 415,
    zh: '不支持的照片格式，请上传 JPEG、PNG 或 WebP 图片',
    en: 'Unsupported photo format; upload a JPEG, PNG or WebP image',
  },
  'photo.content_mismatch': {
    status: 400,
    zh: '文件内容不是有效的 {format} 图片，请上传 JPEG、PNG 或 WebP 图片',
    en: 'The file is not a valid {format} image; upload a JPEG, PNG or WebP image',
  },
  'photo.too_large': {
    status: 413,
    zh: '照片过大（上限 {limitMb} MB），请压缩或裁剪后重新上传',
    en: 'The photo is too large (limit {limitMb} MB); reduce or crop it and upload again',
  },
  'photo.not_found': { status: 404, zh: '该社工尚未上传照片', en: 'This social worker has no photo' },
  'spreadsheet.unreadable': {
    status: 400,
    zh: '文件无法读取，可能已损坏，请在 Excel 或 WPS 中另存后重试',
    en: 'The file cannot be read (it may be damaged); save it again from Excel or WPS and retry',
  },
  'spreadsheet.too_large': {
    status: 413,
    zh: '文件过大（上限 {limitBytes} 字节）',
    en: 'The file is too large (limit {limitBytes} bytes)',
  },
  'spreadsheet.too_many_rows': {
    status: 400,
    zh: '文件行数过多（上限 {limit} 行）',
    en: 'The file has too many rows (limit {limit})',
  },
  'spreadsheet.no_header': {
    status: 400,
    zh: '未找到表头，请使用下载的导入模板',
    en: 'No header row found; use the downloadable template',
  },
  'spreadsheet.unsupported_format': {
    status: 415,
    zh: '不支持的文件格式，请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后重新上传',
    en: 'Unsupported file format; save it as .xlsx or .csv in Excel or WPS and upload again',
  },
  'import.missing_columns': {
    status: 400,
    zh: '文件缺少必填列：{columns}',
    en: 'The file lacks required columns: {columns}',
  },
  'import.not_validated': {
    status: 409,
    zh: '该导入任务当前状态为“{status}”，只有校验完成的任务可以导入',
    en: 'This import is "{status}"; only a validated import can be run',
  },
  'import.nothing_valid': { status: 409, zh: '没有可导入的有效行', en: 'There are no valid rows to import' },
  'import.has_errors': {
    status: 409,
    zh: '文件中有 {count} 行有错误；“全部导入或全部不导入”模式下不能导入，可改为“只导入有效行”',
    en: '{count} rows have errors; an all-or-nothing import cannot run (choose valid rows only)',
  },
  'division.unknown': { status: 400, zh: '行政区划代码不存在：{code}', en: 'Unknown division code: {code}' },
  'organization.out_of_scope': {
    status: 403,
    zh: '该行政区划不在您的管理范围内',
    en: 'That division is outside your scope',
  },
  'internal.error': {
    status: 500,
    zh: '服务器内部错误，请稍后重试（编号 {requestId}）',
    en: 'Internal server error; please try again later (reference {requestId})',
  },
  'service.unavailable': {
    status: 503,
    zh: '服务暂不可用，请稍后重试',
    en: 'Service temporarily unavailable; try again later',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
  /** Extra response headers (e.g. Retry-After). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
    options: AppErrorOptions = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_CODES[code].status;
    this.headers = options.headers ?? {};
  }
}

export const notFound = () => new AppError('not_found');

/** A 400 naming one field, with its message in the caller's language (the shape zod validation errors have). */
export function fieldError(field: string, code: string, zh: string, en: string, locale: string): AppError {
  return new AppError('validation.failed', { issues: [{ field, code, message: locale === 'en' ? en : zh }] });
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
