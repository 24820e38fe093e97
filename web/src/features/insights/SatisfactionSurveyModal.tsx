import { DatePicker, Form, Input, Rate, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProjectDetail, recordSatisfactionSurvey } from '../../api/endpoints';
import { FormModal } from '../../components/FormModal';
import { sameNamedFields } from '../../components/serverErrors';
import { fromDay, isAfterToday, todayAsDay, useDayjsLocale } from '../registry/dates';

interface Values {
  score?: number;
  surveyedOn?: Dayjs;
  comment?: string;
}

type SurveyResult = { id: string; satisfactionRate: number | null };

const FIELDS = sameNamedFields('score', 'surveyedOn', 'comment');
const SCORES = [1, 2, 3, 4, 5] as const;

/** 1 很不满意 … 5 很满意 (4 and 5 count as satisfied). */
export function useScoreLabels(): string[] {
  const { t } = useTranslation();
  return SCORES.map((s) => t(`insights.survey.scores.${s}`));
}

/**
 * A 1–5 star choice whose stars are named for screen readers (rc-rate draws each star as a role="radio" without a
 * name); the chosen score's words show beside the stars.
 */
function ScoreInput({ id, value, onChange }: { id?: string; value?: number; onChange?: (v: number) => void }) {
  const labels = useScoreLabels();
  const named = (node: ReactNode, index: number) => {
    if (!isValidElement(node)) return node;
    const li = node as ReactElement<{ children?: ReactNode }>;
    const radio = li.props.children;
    const labelled = isValidElement(radio)
      ? cloneElement(radio as ReactElement<Record<string, unknown>>, {
          'aria-label': `${index + 1} · ${labels[index]}`,
        })
      : radio;
    return (
      <Tooltip key={index} title={labels[index]}>
        {cloneElement(li, {}, labelled)}
      </Tooltip>
    );
  };
  return (
    <div className="sg-score-input">
      <Rate
        id={id}
        value={value}
        onChange={onChange}
        allowClear={false}
        characterRender={(node, { index = 0 }) => named(node, index)}
        data-testid="survey-score"
      />
      <Typography.Text className="sg-score-label" aria-live="polite">
        {value ? labels[value - 1] : ''}
      </Typography.Text>
    </div>
  );
}

/** 录入满意度调查: one respondent's 1–5 answer for the project; the server answers the project's new satisfaction rate. */
export function SatisfactionSurveyModal({
  project,
  open,
  onClose,
  onDone,
}: {
  project: ProjectDetail;
  open: boolean;
  onClose: () => void;
  onDone: (result: SurveyResult) => void;
}) {
  const { t } = useTranslation();
  useDayjsLocale();
  return (
    <FormModal<Values, SurveyResult>
      open={open}
      onClose={onClose}
      title={t('insights.survey.title')}
      okText={t('insights.survey.submit')}
      name="satisfaction-survey"
      initialValues={{ surveyedOn: todayAsDay() }}
      intro={<Typography.Paragraph type="secondary">{t('insights.survey.intro')}</Typography.Paragraph>}
      submit={(v) =>
        recordSatisfactionSurvey({
          projectId: project.id,
          score: v.score ?? 0,
          surveyedOn: fromDay(v.surveyedOn) ?? '',
          comment: v.comment?.trim() ?? '',
        })
      }
      onSuccess={onDone}
      fieldMap={FIELDS}
    >
      <Form.Item
        name="score"
        label={t('insights.survey.score')}
        rules={[{ required: true, message: t('insights.survey.scoreRequired') }]}
      >
        <ScoreInput />
      </Form.Item>
      <Form.Item
        name="surveyedOn"
        label={t('insights.survey.surveyedOn')}
        rules={[{ required: true, message: t('insights.survey.dateRequired') }]}
      >
        <DatePicker
          className="sg-full-width"
          disabledDate={(d) => isAfterToday(d) || d.format('YYYY-MM-DD') < project.periodFrom}
        />
      </Form.Item>
      <Form.Item name="comment" label={t('insights.survey.comment')}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
