import { render } from 'preact';
import { browserLocale } from '../../i18n/load';
import { PanelApp } from './PanelApp';

const token = new URLSearchParams(location.search).get('t') ?? '';
document.documentElement.lang = browserLocale().lang;
render(<PanelApp token={token} />, document.getElementById('app') as HTMLElement);
