import { render } from 'preact';
import { NotesPage } from '../../components/popup/NotesPage';
import { createNotesApi, createTransferApi } from '../../popup/api';
import './style.css';

const root = document.getElementById('app');
if (root) {
  render(
    <NotesPage api={createNotesApi()} transfer={createTransferApi()} optionsHref="options.html" />,
    root,
  );
}
