import type { ApiErrorBody, ValidationIssue } from '../../../contracts/errors';
import i18n, { currentLanguage } from '../i18n';

/** Error thrown by every API call: HTTP status plus the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Seconds from the `Retry-After` header (429 responses), if any. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Field issues of a `validation.failed` error (empty otherwise). */
  get issues(): ValidationIssue[] {
    if (this.code !== 'validation.failed') return [];
    const issues = (this.details as { issues?: unknown } | null | undefined)?.issues;
    if (!Array.isArray(issues)) return [];
    return issues.filter(
      (i): i is ValidationIssue =>
        typeof i === 'object' && i !== null && typeof i.field === 'string' && typeof i.message === 'string',
    );
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export const SESSION_ENDED_CODES = ['auth.required', 'auth.session_expired'] as const;
export type SessionEndedCode = (typeof SESSION_ENDED_CODES)[number];

export function isSessionEnded(error: unknown): error is ApiError & { code: SessionEndedCode } {
  return isApiError(error) && error.status === 401 && (SESSION_ENDED_CODES as readonly string[]).includes(error.code);
}

// ---- session state kept in memory only ----------------------------------------------------------------

let csrfToken: string | null = null;
let sessionEndedHandler: ((error: ApiError) => void) | null = null;
let passwordChangeHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request (other than login, or one sent with `skipSessionHandler`) finds the session gone. */
export function onSessionEnded(handler: ((error: ApiError) => void) | null): void {
  sessionEndedHandler = handler;
}

/** Called when the server refuses a call because the user must first change their password. */
export function onPasswordChangeRequired(handler: (() => void) | null): void {
  passwordChangeHandler = handler;
}

// ---- requests -------------------------------------------------------------------------------------------

export type QueryValue = string | number | boolean | null | undefined;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not trigger the global "session expired" handling for a 401 (used by the initial /me probe). */
  skipSessionHandler?: boolean;
  /** Send these bytes as they are (instead of JSON `body`), with this content type and extra headers. */
  raw?: { body: Blob | ArrayBuffer; contentType: string; headers?: Record<string, string> };
}

const LOGIN_PATH = '/api/auth/login';

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function requestHeaders(method: HttpMethod, path: string, options: RequestOptions, accept: string) {
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': currentLanguage(),
  };
  if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    Object.assign(headers, options.raw.headers);
  } else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && path !== LOGIN_PATH && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

async function send(method: HttpMethod, path: string, options: RequestOptions, accept: string): Promise<Response> {
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers: requestHeaders(method, path, options, accept),
      credentials: 'same-origin',
      body: options.raw ? options.raw.body : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network.error', i18n.t('errors.network'));
  }
}

/** Turns a failed response into an ApiError (running the session / password-change handlers). */
async function failure(response: Response, path: string, options: RequestOptions): Promise<ApiError> {
  const payload = await readJson(response);
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const error = isErrorBody(payload)
    ? new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details, retryAfter)
    : new ApiError(
        response.status,
        `http.${response.status}`,
        i18n.t('errors.http', { status: response.status }),
        undefined,
        retryAfter,
      );

  if (path !== LOGIN_PATH && !options.skipSessionHandler && isSessionEnded(error)) {
    sessionEndedHandler?.(error);
  } else if (error.status === 403 && error.code === 'auth.password_change_required') {
    passwordChangeHandler?.();
  }
  return error;
}

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  if (!response.ok) throw await failure(response, path, options);
  return (await readJson(response)) as T;
}

/** File name from a `Content-Disposition` header (RFC 5987 `filename*` first). */
function dispositionFileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || undefined;
}

/** GETs a file and hands it to the browser as a download (errors are thrown like any other call's). */
export async function downloadFile(
  path: string,
  fallbackName: string,
  options: Omit<RequestOptions, 'body' | 'raw'> = {},
): Promise<void> {
  const response = await send('GET', path, options, '*/*');
  if (!response.ok) throw await failure(response, path, options);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = dispositionFileName(response.headers.get('Content-Disposition')) ?? fallbackName;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  /** POSTs raw bytes (a file) with the given content type; CSRF, language and error handling as usual. */
  postRaw: <T>(
    path: string,
    body: Blob | ArrayBuffer,
    contentType: string,
    options?: Omit<RequestOptions, 'body' | 'raw'> & { headers?: Record<string, string> },
  ) => {
    const { headers, ...rest } = options ?? {};
    return request<T>('POST', path, { ...rest, raw: { body, contentType, headers } });
  },
  /** PUTs raw bytes (e.g. a photo) with the given content type, like postRaw. */
  putRaw: <T>(
    path: string,
    body: Blob | ArrayBuffer,
    contentType: string,
    options?: Omit<RequestOptions, 'body' | 'raw'> & { headers?: Record<string, string> },
  ) => {
    const { headers, ...rest } = options ?? {};
    return request<T>('PUT', path, { ...rest, raw: { body, contentType, headers } });
  },
};
