// The member signs in to an activity from a phone (a light entry: web/checkin/index.html, served at
// /checkin/<activity id>): the QR link's `?c=` token is sent at once, or the six-digit code shown on
// the organizer's screen is typed.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Activity, Attendee } from '../../../../domain/schemas/activities';
import { formatTime, formatTimeRange } from '../../i18n/dates';
import { failureText, mountPhonePage, type PhoneContext } from '../PhonePage';
import { phoneApi } from '../phoneApi';

const activityId = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
const token = new URLSearchParams(window.location.search).get('c');

type State = { kind: 'idle' } | { kind: 'sending' } | { kind: 'failed'; error: unknown } | { kind: 'done'; attendee: Attendee; activity: Activity | null };

function Checkin({ tx }: PhoneContext) {
  const [state, setState] = useState<State>(token ? { kind: 'sending' } : { kind: 'idle' });
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const sentToken = useRef(false);

  const send = async (value: string) => {
    setState({ kind: 'sending' });
    try {
      const path = `/activities/${encodeURIComponent(activityId)}`;
      const attendee = await phoneApi<Attendee>(`${path}/sign-in`, tx.language, { method: 'POST', body: { code: value } });
      // the activity's theme and time confirm that it was the right one; its absence changes nothing
      const activity = await phoneApi<Activity>(path, tx.language).catch(() => null);
      setState({ kind: 'done', attendee, activity });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };

  useEffect(() => {
    if (!token || sentToken.current) return;
    sentToken.current = true;
    void send(token);
    // sent once, when the page opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!activityId) return <p className="p-card p-error">{tx.t('noActivity')}</p>;
  if (state.kind === 'done') {
    const { attendee, activity } = state;
    return (
      <section className="p-card p-success" data-testid="checkin-activity">
        <div className="p-mark" aria-hidden="true">
          ✓
        </div>
        <h2>{tx.t('signedIn')}</h2>
        {activity && (
          <>
            <p className="p-item-title">{activity.theme}</p>
            <p className="p-muted">{formatTimeRange(activity.startsAt, activity.endsAt)}</p>
            {activity.place && <p className="p-muted">{activity.place}</p>}
          </>
        )}
        <p className="p-muted">{tx.t('signedInAs', { name: attendee.name, time: formatTime(attendee.signedInAt) })}</p>
        <a className="p-secondary" href="/m/record">
          {tx.t('navRecord')}
        </a>
      </section>
    );
  }
  if (state.kind === 'sending' && token && !code) return <p className="p-card p-center">{tx.t('signingIn')}</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = code.trim();
    if (!/^\d{6}$/.test(value)) return setInvalid(true);
    setInvalid(false);
    void send(value);
  };
  return (
    <form className="p-card" onSubmit={submit} noValidate>
      <h2>{tx.t('checkinTitle')}</h2>
      {state.kind === 'failed' && (
        <p className="p-error" role="alert">
          {failureText(tx, state.error)}
        </p>
      )}
      <label className="p-field">
        <span>{tx.t('codeLabel')}</span>
        <input
          name="code"
          className="p-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          aria-invalid={invalid}
          aria-describedby="code-hint"
          autoFocus
        />
      </label>
      <p id="code-hint" className={invalid ? 'p-error' : 'p-muted'} role={invalid ? 'alert' : undefined}>
        {invalid ? tx.t('sixDigits') : tx.t('codeHint')}
      </p>
      <button type="submit" className="p-primary" disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? tx.t('signingIn') : tx.t('signIn')}
      </button>
    </form>
  );
}

mountPhonePage('checkinTitle', (context) => <Checkin {...context} />);
