// The demands the member's organizations raised, on a phone (a light entry: web/m/demands/index.html,
// served at /m/demands): those awaiting the raiser's word first; a resolved demand is confirmed with a
// rating of one to five or sent back with a reason (POST /demands/:id/transition; the server decides
// who may, and says so in each demand's `allowed`).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Demand } from '../../../../domain/schemas/pairings';
import { formatDate } from '../../i18n/dates';
import { failureText, mountPhonePage, type PhoneContext } from '../PhonePage';
import type { Texts } from '../messages';
import { phoneApi } from '../phoneApi';

const STATE_TAG: Record<string, string> = { resolved: 'gold', confirmed: 'green', reopened: 'red' };
const awaitsMe = (d: Demand) => d.allowed.includes('confirmed') || d.allowed.includes('reopened');

function Answer({ demand, tx, onDone }: { demand: Demand; tx: Texts; onDone: (message: string) => void }) {
  const [mode, setMode] = useState<'confirm' | 'reopen' | null>(null);
  const [rating, setRating] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'confirm' && rating === null) return setFailure(tx.t('ratingRequired'));
    if (mode === 'reopen' && !text.trim()) return setFailure(tx.t('reasonRequired'));
    setBusy(true);
    setFailure(null);
    const body =
      mode === 'confirm'
        ? { to: 'confirmed', rating, ...(text.trim() ? { note: text.trim() } : {}) }
        : { to: 'reopened', reason: text.trim() };
    try {
      await phoneApi<Demand>(`/demands/${encodeURIComponent(demand.id)}/transition`, tx.language, { method: 'POST', body });
      onDone(tx.t(mode === 'confirm' ? 'confirmed' : 'reopened'));
    } catch (error) {
      setFailure(failureText(tx, error));
      setBusy(false);
    }
  };

  if (!mode)
    return (
      <div className="p-row">
        {demand.allowed.includes('confirmed') && (
          <button type="button" className="p-primary" onClick={() => setMode('confirm')}>
            {tx.t('confirm')}
          </button>
        )}
        {demand.allowed.includes('reopened') && (
          <button type="button" className="p-secondary" onClick={() => setMode('reopen')}>
            {tx.t('reopen')}
          </button>
        )}
      </div>
    );
  const fieldId = `answer-${demand.id}`;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {failure && (
        <p className="p-error" role="alert">
          {failure}
        </p>
      )}
      {mode === 'confirm' && (
        <fieldset className="p-stars">
          <legend>{tx.t('rating')}</legend>
          <div className="p-row">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name={`rating-${demand.id}`} value={n} checked={rating === n} onChange={() => setRating(n)} />
                <span>{tx.t('stars', { count: n })}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <label className="p-field" htmlFor={fieldId}>
        <span>{tx.t(mode === 'confirm' ? 'note' : 'reopenReason')}</span>
        <textarea id={fieldId} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="p-row">
        <button type="button" className="p-secondary" onClick={() => setMode(null)}>
          {tx.t('cancel')}
        </button>
        <button type="submit" className="p-primary" disabled={busy}>
          {tx.t('send')}
        </button>
      </div>
    </form>
  );
}

function Demands({ me, tx }: PhoneContext) {
  const [demands, setDemands] = useState<Demand[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    // the caller's organizations are those of its roles; a demand awaiting the caller's word is its own in any case
    const mine = new Set(me.user.roles.map((r) => r.orgId));
    phoneApi<{ items: Demand[] }>('/demands?limit=100', tx.language).then(
      ({ items }) => {
        const own = items.filter((d) => awaitsMe(d) || mine.has(d.raisedByOrgId));
        setDemands(own.sort((a, b) => Number(awaitsMe(b)) - Number(awaitsMe(a))));
      },
      setFailure,
    );
  }, [me, tx.language]);
  useEffect(load, [load]);

  return (
    <>
      <p className="p-muted">{tx.t('demandsHint')}</p>
      {notice && (
        <p className="p-card p-center" role="status">
          {notice}
        </p>
      )}
      {failure !== null && (
        <p className="p-card p-error" role="alert">
          {failureText(tx, failure)}
        </p>
      )}
      {demands === null && failure === null && <p className="p-card p-center">{tx.t('loading')}</p>}
      {demands?.length === 0 && <p className="p-card p-center">{tx.t('noDemands')}</p>}
      {demands?.map((d) => (
        <article key={d.id} className="p-card" data-testid="demand">
          <h2>{d.title}</h2>
          <div className="p-line">
            <span className={`p-tag ${STATE_TAG[d.state] ?? ''}`}>{tx.label('demandState', d.state)}</span>
            {awaitsMe(d) && <span className="p-tag gold">{tx.t('waiting')}</span>}
            {d.overdue && <span className="p-tag red">{tx.t('overdue')}</span>}
            <span>{tx.t('raisedOn', { date: formatDate(d.raisedOn) })}</span>
            {d.dueOn && <span>{tx.t('dueOn', { date: formatDate(d.dueOn) })}</span>}
          </div>
          <div className="p-line">
            <span>{d.raisedByOrgName}</span>
            {d.assignedOrgName && <span>{tx.t('handledBy', { org: d.assignedOrgName })}</span>}
          </div>
          {d.resolution && (
            <p>
              <strong>{tx.t('resolution')}</strong>
              {d.resolution}
            </p>
          )}
          {d.rating !== null && <p className="p-muted">{tx.t('rated', { rating: d.rating })}</p>}
          {awaitsMe(d) && (
            <Answer
              demand={d}
              tx={tx}
              onDone={(message) => {
                setNotice(message);
                load();
              }}
            />
          )}
        </article>
      ))}
    </>
  );
}

mountPhonePage('demandsTitle', (context) => <Demands {...context} />);
