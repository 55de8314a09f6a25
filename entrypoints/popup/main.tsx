import { render } from 'preact';
// The card's own styles first, so the popup's adjustments to it win. On an
// extension page the card is not in a shadow root; its :host rule matches nothing.
import '../../components/card/card.css';
import './style.css';
import { localizeDocument, t } from '../../utils/i18n';
import { App } from './App';

localizeDocument(t('extName'));
render(<App />, document.getElementById('app')!);
