import { useTranslation } from 'react-i18next';
import { ScreenLayout } from '../components/ScreenLayout';
import { LanguagePicker } from '../components/LanguagePicker';
import { useVisit } from '../store';

export function Language() {
  const { t } = useTranslation('common');
  const go = useVisit((s) => s.go);
  return (
    <ScreenLayout title={t('language.choose')}>
      <LanguagePicker onChosen={() => go({ name: 'home' })} />
    </ScreenLayout>
  );
}
