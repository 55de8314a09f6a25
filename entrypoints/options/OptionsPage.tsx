import { t } from '../../utils/i18n';
import { AppearanceSection } from './AppearanceSection';
import { DatasetsSection } from './DatasetsSection';
import { SitesSection } from './SitesSection';

export function OptionsPage() {
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <SitesSection />
      <AppearanceSection />
      <DatasetsSection />
    </main>
  );
}
