import { AppearanceSection } from './AppearanceSection';
import { DatasetsSection } from './DatasetsSection';
import { SitesSection } from './SitesSection';

export function OptionsPage() {
  return (
    <main>
      <h1>Factlens options</h1>
      <SitesSection />
      <AppearanceSection />
      <DatasetsSection />
    </main>
  );
}
