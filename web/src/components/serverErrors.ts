import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

export type FieldPath = (string | number)[];

export interface SplitErrors {
  /** Field errors to hand to `form.setFields`. */
  fields: { name: FieldPath; errors: string[] }[];
  /** Messages for an alert above the form (the overall message and issues that match no field). */
  general: string[];
}

/**
 * Maps a server error onto a form. `fieldMap` maps the server's issue field (without the `body.` prefix, e.g.
 * `membership.organizationId`) to the form's field name; issues without a mapping go to `general`. An issue on a
 * list element (`specialties.2`) falls back to the list's mapping (`specialties`).
 */
export function splitServerErrors(error: unknown, fieldMap: Record<string, FieldPath>): SplitErrors {
  if (!isApiError(error)) {
    return { fields: [], general: [error instanceof Error ? error.message : String(error)] };
  }
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const general: string[] = [error.message];
  for (const issue of error.issues) {
    const key = issue.field.replace(/^body\./, '');
    const name = fieldMap[key] ?? fieldMap[key.replace(/\.\d+(?=\.|$)/g, '')];
    if (!name) {
      general.push(issue.message);
      continue;
    }
    const id = name.join('.');
    const entry = byField.get(id) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(id, entry);
  }
  return { fields: [...byField.values()], general };
}

/** Puts the field errors on the form and returns the general messages. */
export function applyServerErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldMap: Record<string, FieldPath>,
): string[] {
  const { fields, general } = splitServerErrors(error, fieldMap);
  if (fields.length > 0) form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
  return general;
}

/** The field map of a form whose fields carry the server's names: `('name', 'mobile')` → `{ name: ['name'], … }`. */
export function sameNamedFields(...names: string[]): Record<string, FieldPath> {
  return Object.fromEntries(names.map((name) => [name, [name]]));
}
