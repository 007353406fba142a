import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import { createOptionsApi } from '../../popup/options-api';
import './style.css';

const root = document.getElementById('app');
if (root) render(<OptionsApp api={createOptionsApi()} notesHref="notes.html" />, root);
