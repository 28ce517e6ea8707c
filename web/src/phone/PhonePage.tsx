// The frame of the member's phone pages: title, language switch, the way to the other phone pages
// and the full app, and a sign-in form of its own, so a member who scans a QR code while signed out
// signs in right here instead of loading the full app.
import { StrictMode, useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Me } from '../api/types';
import { setTimeZone } from '../i18n/dates';
import { chooseLanguage, startLanguage, texts, type MessageKey, type Texts } from './messages';
import { logIn, PhoneError, whoAmI } from './phoneApi';
import '../light.css';
import './phone.css';

export interface PhoneContext {
  me: Me;
  tx: Texts;
}

type Session = { kind: 'loading' } | { kind: 'signedOut' } | { kind: 'failed'; error: unknown } | { kind: 'signedIn'; me: Me };

/** What an error says to the person holding the phone. */
export function failureText(tx: Texts, error: unknown): string {
  if (error instanceof PhoneError) {
    if (error.status === 0) return tx.t('unreachable');
    return error.fields.map((f) => f.message).join('；') || error.message;
  }
  return tx.t('error', { message: error instanceof Error ? error.message : String(error) });
}

function LoginForm({ tx, onDone }: { tx: Texts; onDone: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim()) return setFailure(tx.t('required', { field: tx.t('username') }));
    if (!password) return setFailure(tx.t('required', { field: tx.t('password') }));
    setBusy(true);
    setFailure(null);
    try {
      await logIn(username.trim(), password, tx.language);
      onDone();
    } catch (error) {
      setFailure(error instanceof PhoneError && error.status === 401 ? tx.t('loginFailed') : failureText(tx, error));
      setBusy(false);
    }
  };
  return (
    <form className="p-card" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{tx.t('loginTitle')}</h2>
      {failure && (
        <p className="p-error" role="alert">
          {failure}
        </p>
      )}
      <label className="p-field">
        <span>{tx.t('username')}</span>
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
      </label>
      <label className="p-field">
        <span>{tx.t('password')}</span>
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit" className="p-primary" disabled={busy}>
        {busy ? tx.t('loggingIn') : tx.t('login')}
      </button>
    </form>
  );
}

function PhonePage({ title, render }: { title: MessageKey; render: (context: PhoneContext) => ReactNode }) {
  const [language, setLanguage] = useState(startLanguage);
  const [session, setSession] = useState<Session>({ kind: 'loading' });
  const tx = texts(language);

  const load = useCallback(() => {
    whoAmI(language).then(
      (me) => {
        if (me) setTimeZone(me.timeZone);
        setSession(me ? { kind: 'signedIn', me } : { kind: 'signedOut' });
      },
      (error: unknown) => setSession({ kind: 'failed', error }),
    );
    // the session does not depend on the language: asked once, and again after signing in
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    document.title = `${tx.t(title)} · ${tx.t('appTitle')}`;
  }, [tx, title]);

  let body: ReactNode;
  if (session.kind === 'loading') body = <p className="p-card p-center">{tx.t('loading')}</p>;
  else if (session.kind === 'signedOut') body = <LoginForm tx={tx} onDone={load} />;
  else if (session.kind === 'failed')
    body = (
      <div className="p-card p-center">
        <p className="p-error" role="alert">
          {failureText(tx, session.error)}
        </p>
        <button type="button" className="p-secondary" onClick={load}>
          {tx.t('retry')}
        </button>
      </div>
    );
  else body = render({ me: session.me, tx });

  return (
    <div className="p-page">
      <header className="p-header">
        <h1>{tx.t(title)}</h1>
        <button type="button" className="p-switch" lang={language === 'zh' ? 'en' : 'zh-CN'} onClick={() => setLanguage(chooseLanguage(language === 'zh' ? 'en' : 'zh'))}>
          {tx.t('language')}
        </button>
      </header>
      {session.kind === 'signedIn' && (
        <nav className="p-nav" aria-label={tx.t('appTitle')}>
          <a href="/m/record" aria-current={title === 'recordTitle' ? 'page' : undefined}>
            {tx.t('navRecord')}
          </a>
          <a href="/m/demands" aria-current={title === 'demandsTitle' ? 'page' : undefined}>
            {tx.t('navDemands')}
          </a>
          <a href="/">{tx.t('navFull')}</a>
        </nav>
      )}
      <main>{body}</main>
    </div>
  );
}

/** Renders a phone page into its entry's #phone element. */
export function mountPhonePage(title: MessageKey, render: (context: PhoneContext) => ReactNode): void {
  const container = document.getElementById('phone');
  if (!container) throw new Error('#phone is missing from the entry page');
  createRoot(container).render(
    <StrictMode>
      <PhonePage title={title} render={render} />
    </StrictMode>,
  );
}
