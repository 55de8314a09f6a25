import { render } from 'preact';
import { DatasetsSection } from './DatasetsSection';

function Options() {
  return (
    <main>
      <h1>Factlens</h1>
      <DatasetsSection />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
