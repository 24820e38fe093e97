import { useMutation } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { applyServerErrors, type FieldPath } from './serverErrors';

/**
 * Saving the edit form of a versioned record. Only the changed fields go to the server, with the version read (the
 * audit log lists the changed fields; a body holding nothing but the version means there is nothing to save). A stale
 * version is kept apart from the other errors: the form offers a reload instead of a retry that would fail again.
 */
export function useVersionedSave<Values, Body extends { version: number }, Result>({
  form,
  changes,
  save,
  onSaved,
  fieldMap,
  codeFields = {},
}: {
  form: FormInstance<Values>;
  /** The body for the server: the version read plus what changed. */
  changes: (values: Values) => Body;
  save: (body: Body) => Promise<Result>;
  onSaved: (result: Result) => void;
  /** The server's issue fields (without `body.`) → the form's fields. */
  fieldMap: Record<string, FieldPath>;
  /** Error codes about one field (`division.unknown` → `divisionCode`): their message is shown under it as well. */
  codeFields?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [errors, setErrors] = useState<string[] | null>(null);
  const [stale, setStale] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (result) => {
      message.success(t('common.saved'));
      setErrors(null);
      onSaved(result);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'conflict.stale_version') {
        setStale(error.message);
        setErrors(null);
        return;
      }
      if (isApiError(error) && Object.hasOwn(codeFields, error.code)) {
        const fields = [{ name: codeFields[error.code], errors: [error.message] }];
        form.setFields(fields as Parameters<FormInstance<Values>['setFields']>[0]);
      }
      setErrors(applyServerErrors(form, error, fieldMap));
    },
  });

  const submit = (values: Values) => {
    const body = changes(values);
    if (Object.keys(body).length === 1) {
      message.info(t('common.noChanges'));
      return;
    }
    setErrors(null);
    mutation.mutate(body);
  };

  return { submit, errors, clearErrors: () => setErrors(null), stale, saving: mutation.isPending };
}

/** Whether two lists of codes hold the same codes, order aside (for the `changes` of a versioned save). */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
