import { Form, Input, InputNumber, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaxonomyScheme } from '../../api/endpoints';
import { useIdentityRules } from './identityRules';
import { useTerms } from './useTerms';

/*
 * Form items that the registry's forms (workers, residents, organizations) share: the same field with the same rules
 * wherever it is entered. Labels stay with the caller, as each record names its fields in its own words.
 */

/** 姓名 of a person (worker or resident): 1–50 characters. */
export function PersonNameItem({ label, autoFocus }: { label: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="name"
      label={label}
      rules={[
        { required: true, whitespace: true, message: t('registerWorker.nameRequired') },
        { max: 50, message: t('registerWorker.nameLength') },
      ]}
    >
      <Input maxLength={50} autoFocus={autoFocus} autoComplete="off" />
    </Form.Item>
  );
}

/** 身份证号, checked here with the server's check function for an early hint. */
export function IdNumberItem({ label, extra, autoFocus }: { label: string; extra?: ReactNode; autoFocus?: boolean }) {
  const rules = useIdentityRules();
  return (
    <Form.Item name="idNumber" label={label} extra={extra} validateFirst rules={rules.idNumber}>
      <Input maxLength={18} autoFocus={autoFocus} autoComplete="off" spellCheck={false} className="sg-mono-input" />
    </Form.Item>
  );
}

/**
 * A mobile number (optional). In an edit form the field starts empty, as the full number is never loaded into a
 * form: empty keeps the number on file, which `extra` says.
 */
export function MobileItem({ label, extra }: { label: string; extra?: ReactNode }) {
  const rules = useIdentityRules();
  return (
    <Form.Item name="mobile" label={label} extra={extra} rules={rules.mobile}>
      <Input maxLength={20} autoComplete="off" inputMode="tel" />
    </Form.Item>
  );
}

/** Codes from a managed taxonomy (specialties, languages, skills), at most `max` of them. */
export function TermsItem({
  scheme,
  name,
  label,
  max,
  maxMessage,
  className,
}: {
  scheme: TaxonomyScheme;
  name: string;
  label: string;
  max: number;
  maxMessage: string;
  className?: string;
}) {
  const terms = useTerms(scheme);
  return (
    <Form.Item name={name} label={label} className={className} rules={[{ type: 'array', max, message: maxMessage }]}>
      <Select mode="multiple" allowClear options={terms.options} loading={terms.loading} optionFilterProp="label" />
    </Form.Item>
  );
}

/** A point on the map (`latitude`, `longitude`, both optional). */
export function CoordinateItems({
  latitudeLabel,
  longitudeLabel,
  step,
  hint,
}: {
  latitudeLabel: string;
  longitudeLabel: string;
  /** How precise the point is kept (a resident's home only roughly). */
  step: number;
  hint?: string;
}) {
  return (
    <>
      <Form.Item name="latitude" label={latitudeLabel} extra={hint}>
        <InputNumber className="sg-full-width" min={-90} max={90} step={step} />
      </Form.Item>
      <Form.Item name="longitude" label={longitudeLabel}>
        <InputNumber className="sg-full-width" min={-180} max={180} step={step} />
      </Form.Item>
    </>
  );
}

/** 备注: free text up to 1000 characters, across the whole form. */
export function NotesItem({ label, rows }: { label: string; rows: number }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="notes"
      label={label}
      className="sg-form-grid-full"
      rules={[{ max: 1000, message: t('workerDetail.notesLength') }]}
    >
      <Input.TextArea rows={rows} maxLength={1000} showCount />
    </Form.Item>
  );
}
