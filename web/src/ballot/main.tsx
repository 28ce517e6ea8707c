// The phone ballot page, a separate light entry (../../ballot/index.html): React and this folder
// only, no antd, router, query client or i18n bundle, to stay far below 100 kB of gzip'd script.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import BallotApp from './BallotApp';
import { storedLanguage, storeLanguage } from '../i18n/language';
import '../light.css';
import './ballot.css';

storeLanguage(storedLanguage());
const container = document.getElementById('ballot');
if (!container) throw new Error('#ballot is missing from ballot/index.html');
createRoot(container).render(
  <StrictMode>
    <BallotApp />
  </StrictMode>,
);
