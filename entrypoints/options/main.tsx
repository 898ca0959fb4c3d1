import { render } from 'preact';
import { browserLocale } from '../../i18n/load';
import { DashboardApp } from './DashboardApp';

document.documentElement.lang = browserLocale().lang;
render(<DashboardApp />, document.getElementById('app') as HTMLElement);
