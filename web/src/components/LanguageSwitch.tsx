import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, type Language, setLanguage } from '../i18n';

/** 中文 / English switch (used on the login page; the console has it in the user menu). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <fieldset className="sg-fieldset">
      <legend className="sg-visually-hidden">{t('lang.label')}</legend>
      <Segmented<Language>
        size="small"
        value={currentLanguage()}
        options={LANGUAGES.map((lng) => ({ value: lng, label: t(`lang.${lng}`) }))}
        onChange={(lng) => void setLanguage(lng)}
      />
    </fieldset>
  );
}
