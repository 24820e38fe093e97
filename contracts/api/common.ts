import { z } from 'zod';

/**
 * Text that PostgreSQL can store and people can read: no NUL, no lone UTF-16 surrogates, no other control
 * characters except tab and line breaks. Every free-text field goes through this.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const text = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => s.isWellFormed() && !FORBIDDEN_CONTROL.test(s), { message: 'text.control_characters' });

/** Single-line text with surrounding whitespace removed (names, titles). */
export const line = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    .refine((s) => s.isWellFormed() && !/[\u0000-\u001F\u007F]/.test(s), { message: 'text.control_characters' });

export const uuid = z.uuid();

export const divisionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, { message: 'division.code_format' });

export const isoDateTime = z.iso.datetime({ offset: true });

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const idParams = z.object({ id: uuid }).strict();
