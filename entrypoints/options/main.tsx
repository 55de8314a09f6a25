import { render } from 'preact';
import { localizeDocument, t } from '../../utils/i18n';
import { OptionsPage } from './OptionsPage';

localizeDocument(t('optionsTitle'));
render(<OptionsPage />, document.getElementById('app')!);
