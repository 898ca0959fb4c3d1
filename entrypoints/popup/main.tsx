import { render } from 'preact';
import { browserLocale } from '../../i18n/load';
import { PopupApp } from './PopupApp';

document.documentElement.lang = browserLocale().lang;
render(<PopupApp />, document.getElementById('app') as HTMLElement);
