import { useTranslation } from 'react-i18next';
import type { PaymentTypeView } from '../../../../contract/payments';
import { ScreenLayout } from '../../components/ScreenLayout';
import { CancelButton, useTypeName } from './shared';

interface Props {
  types: PaymentTypeView[];
  onChoose: (typeId: string) => void;
  onCancel: () => void;
}

export function ChooseTypeStep({ types, onChoose, onCancel }: Props) {
  const { t } = useTranslation('payment');
  const typeName = useTypeName();
  return (
    <ScreenLayout title={t('chooseType.title')} intro={t('chooseType.intro')}>
      <ul className="choices">
        {types.map((view) => (
          <li key={view.id}>
            <button type="button" className="button button--secondary button--choice" onClick={() => onChoose(view.id)}>
              {typeName(view)}
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <CancelButton onCancel={onCancel} />
      </div>
    </ScreenLayout>
  );
}
