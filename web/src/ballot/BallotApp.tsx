import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  fetchSheet,
  loadPending,
  newSubmissionId,
  normalizeCode,
  savePending,
  sendBallot,
  type BallotSheet,
  type Grade,
  type GradeEntry,
  type Outcome,
} from './ballotApi';
import { storedLanguage, storeLanguage, type Language } from '../i18n/language';
import { gradeLabel, translator, type Translate } from './messages';

type Ending = 'done' | 'waiting' | 'used' | 'closed' | 'notOpen' | 'throttled';

type Phase =
  | { name: 'enter'; error?: 'unknown' | 'throttled' | 'offline' }
  | { name: 'loading' }
  | { name: 'fill'; notice?: string }
  | { name: 'review' }
  | { name: 'sending'; attempt: number }
  | { name: 'offline' }
  | { name: 'end'; ending: Ending };

/** One grade per reporter, or per reporter and criterion when the assessment has criteria. */
interface Slot {
  key: string;
  reporterId: string;
  criterionId?: string;
}

/** The open reporters this code has still to score (a code scores reporters opened later in a later submission). */
const dueOf = (sheet: BallotSheet) => sheet.reporters.filter((r) => !r.scored);

function slotsOf(sheet: BallotSheet): Slot[] {
  return dueOf(sheet).flatMap((r) =>
    sheet.criteria.length === 0
      ? [{ key: r.id, reporterId: r.id }]
      : sheet.criteria.map((c) => ({ key: `${r.id}:${c.id}`, reporterId: r.id, criterionId: c.id })),
  );
}

const codeFromHash = () => normalizeCode(decodeURIComponent(window.location.hash.slice(1)));

/** How the server's refusal ends the page, for the refusals that do. */
function endingOf(outcome: Extract<Outcome<unknown>, { kind: 'refused' }>): Ending | 'unknown' | null {
  if (outcome.status === 404) return 'unknown';
  if (outcome.status === 429) return 'throttled';
  if (outcome.code === 'already_voted') return 'used';
  if (outcome.code === 'closed') return 'closed';
  if (outcome.status === 409) return 'notOpen';
  return null;
}

/**
 * A rater's ballot on a phone: the code from the slip's QR link (`/ballot#<code>`) or typed, the
 * open reporters with one grade each (or per criterion), a summary, and one submission.
 */
export default function BallotApp() {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  const t = useMemo(() => translator(language), [language]);
  const [code, setCode] = useState(codeFromHash);
  const [typed, setTyped] = useState('');
  const [sheet, setSheet] = useState<BallotSheet | null>(null);
  const [grades, setGrades] = useState<Record<string, Grade>>({});
  const [phase, setPhase] = useState<Phase>(() => (codeFromHash() ? { name: 'loading' } : { name: 'enter' }));

  useEffect(() => {
    document.title = t('pageTitle');
  }, [t]);

  const load = useCallback(
    async (which: string, notice?: string) => {
      setPhase({ name: 'loading' });
      const outcome = await fetchSheet(which, language);
      if (outcome.kind === 'unreachable') return setPhase({ name: 'enter', error: 'offline' });
      if (outcome.kind === 'refused') {
        const ending = endingOf(outcome);
        if (ending === 'unknown' || ending === 'throttled') return setPhase({ name: 'enter', error: ending });
        return setPhase({ name: 'end', ending: ending ?? 'notOpen' });
      }
      const next = outcome.data;
      setSheet(next);
      if (next.state === 'closed' || next.state === 'published') return setPhase({ name: 'end', ending: 'closed' });
      if (next.state === 'draft' || next.reporters.length === 0) return setPhase({ name: 'end', ending: 'notOpen' });
      if (dueOf(next).length === 0) return setPhase({ name: 'end', ending: 'waiting' });
      // a ballot sent before a reload keeps its grades (and its id, see submit)
      const pending = loadPending(which);
      const keys = new Set(slotsOf(next).map((s) => s.key));
      setGrades((current) => {
        const restored: Record<string, Grade> = {};
        const entries: GradeEntry[] = pending?.grades ?? [];
        for (const g of entries) restored[g.criterionId ? `${g.reporterId}:${g.criterionId}` : g.reporterId] = g.grade;
        const merged = { ...restored, ...current };
        return Object.fromEntries(Object.entries(merged).filter(([k]) => keys.has(k)));
      });
      setPhase({ name: 'fill', notice });
    },
    [language],
  );

  useEffect(() => {
    if (code) void load(code);
    // only when the code changes: a language switch must not reload the sheet
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);

  useEffect(() => {
    const onHash = () => {
      const next = codeFromHash();
      if (next) {
        setSheet(null);
        setGrades({});
        setCode(next);
      }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const switchLanguage = () => {
    const next = language === 'zh' ? 'en' : 'zh';
    storeLanguage(next);
    setLanguage(next);
  };

  const enter = (event: FormEvent) => {
    event.preventDefault();
    const next = normalizeCode(typed);
    if (!next) return;
    if (next === code) void load(next);
    else {
      // the code in the address lets a reload come back to the same ballot
      window.history.replaceState(null, '', `#${next}`);
      setCode(next);
    }
  };

  const startOver = () => {
    window.history.replaceState(null, '', window.location.pathname);
    setCode('');
    setTyped('');
    setSheet(null);
    setGrades({});
    setPhase({ name: 'enter' });
  };

  const slots = sheet ? slotsOf(sheet) : [];
  const missing = slots.filter((s) => !grades[s.key]);

  const submit = async () => {
    if (!sheet || missing.length > 0) return;
    const entries: GradeEntry[] = slots.map((s) => ({
      reporterId: s.reporterId,
      ...(s.criterionId ? { criterionId: s.criterionId } : {}),
      grade: grades[s.key] as Grade,
    }));
    // the same grades as a ballot already sent keep its id, so the server can recognize the retry
    const pending = loadPending(code);
    const same = pending && JSON.stringify(pending.grades) === JSON.stringify(entries);
    const submission = { submissionId: same ? pending.submissionId : newSubmissionId(), grades: entries };
    savePending(code, submission);
    const outcome = await sendBallot(code, submission, language, (attempt) => setPhase({ name: 'sending', attempt }));
    if (outcome.kind === 'ok') {
      savePending(code, null);
      return setPhase({ name: 'end', ending: 'done' });
    }
    if (outcome.kind === 'unreachable') return setPhase({ name: 'offline' });
    const ending = endingOf(outcome);
    if (ending === 'unknown') return setPhase({ name: 'enter', error: 'unknown' });
    if (ending) {
      // a refusal is final for these grades, except a throttle, which passes
      if (ending !== 'throttled') savePending(code, null);
      return setPhase({ name: 'end', ending });
    }
    // refused as invalid: most likely the chair opened or closed a reporter meanwhile
    const before = slots.map((s) => s.key).join();
    const again = await fetchSheet(code, language);
    const changed = again.kind === 'ok' && slotsOf(again.data).map((s) => s.key).join() !== before;
    await load(code, changed ? t('changed') : t('failed', { message: outcome.message }));
  };

  let body;
  switch (phase.name) {
    case 'enter':
      body = (
        <form className="p-card" onSubmit={enter} noValidate>
          <label className="b-label" htmlFor="ballot-code">
            {t('codeLabel')}
          </label>
          <input
            id="ballot-code"
            className="b-code"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={t('codePlaceholder')}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            aria-describedby="ballot-code-hint"
            aria-invalid={phase.error ? true : undefined}
          />
          <p id="ballot-code-hint" className="p-muted">
            {t('codeHint')}
          </p>
          {phase.error && (
            <p className="p-error" role="alert">
              {phase.error === 'unknown' && <Titled title={t('unknownTitle')} text={t('unknownText')} />}
              {phase.error === 'throttled' && <Titled title={t('throttledTitle')} text={t('throttledText')} />}
              {phase.error === 'offline' && t('offline')}
            </p>
          )}
          <button type="submit" className="p-primary" disabled={!normalizeCode(typed)}>
            {t('open')}
          </button>
        </form>
      );
      break;
    case 'loading':
      body = (
        <p className="p-card p-center" role="status">
          {t('loading')}
        </p>
      );
      break;
    case 'fill':
      body = sheet && (
        <Fill
          sheet={sheet}
          grades={grades}
          missing={missing.length}
          notice={phase.notice}
          t={t}
          onGrade={(key, grade) => setGrades((g) => ({ ...g, [key]: grade }))}
          onReview={() => {
            setPhase({ name: 'review' });
            window.scrollTo(0, 0);
          }}
        />
      );
      break;
    case 'review':
    case 'sending':
    case 'offline':
      body = sheet && (
        <Review
          sheet={sheet}
          grades={grades}
          t={t}
          phase={phase}
          onBack={() => setPhase({ name: 'fill' })}
          onSubmit={() => void submit()}
        />
      );
      break;
    case 'end':
      body = <End ending={phase.ending} t={t} onOther={startOver} onRefresh={() => void load(code)} />;
      break;
  }

  return (
    <div className="p-page">
      <header className="p-header">
        <div>
          <h1>{sheet?.title ?? t('pageTitle')}</h1>
          {sheet && (
            <div className="b-sub">
              {sheet.raterGroupName} · {sheet.venueName}
            </div>
          )}
        </div>
        <button type="button" className="p-switch" onClick={switchLanguage} lang={language === 'zh' ? 'en' : 'zh-CN'}>
          {t('language')}
        </button>
      </header>
      <main>{body}</main>
    </div>
  );
}

function Titled({ title, text }: { title: string; text: string }) {
  return (
    <>
      <strong>{title}</strong>
      <br />
      {text}
    </>
  );
}

function Fill({
  sheet,
  grades,
  missing,
  notice,
  t,
  onGrade,
  onReview,
}: {
  sheet: BallotSheet;
  grades: Record<string, Grade>;
  missing: number;
  notice: string | undefined;
  t: Translate;
  onGrade: (key: string, grade: Grade) => void;
  onReview: () => void;
}) {
  const [tried, setTried] = useState(false);
  const total = slotsOf(sheet).length;
  const review = () => {
    if (missing === 0) return onReview();
    setTried(true);
    document.querySelector('[data-missing="true"]')?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  return (
    <>
      {notice && (
        <p className="p-card b-notice" role="alert">
          {notice}
        </p>
      )}
      <ol className="b-reporters">
        {dueOf(sheet).map((r) => (
          <li key={r.id} className="p-card">
            <div className="b-reporter-name">{r.memberName}</div>
            <div className="b-reporter-org">{r.orgName}</div>
            {sheet.criteria.length === 0 ? (
              <GradeButtons
                label={r.memberName}
                slot={r.id}
                scale={sheet.scale}
                grades={grades}
                tried={tried}
                t={t}
                onGrade={onGrade}
              />
            ) : (
              sheet.criteria.map((c) => (
                <div key={c.id} className="b-criterion">
                  <div className="b-criterion-name">{c.name}</div>
                  <GradeButtons
                    label={`${r.memberName} ${c.name}`}
                    slot={`${r.id}:${c.id}`}
                    scale={sheet.scale}
                    grades={grades}
                    tried={tried}
                    t={t}
                    onGrade={onGrade}
                  />
                </div>
              ))
            )}
          </li>
        ))}
      </ol>
      <p className="b-secrecy">{t('secrecy')}</p>
      <footer className="b-bar">
        <span className="b-progress" aria-live="polite">
          {missing > 0 && tried ? t('reviewMissing', { count: missing }) : t('progress', { done: total - missing, total })}
        </span>
        <button type="button" className="p-primary" onClick={review}>
          {t('review')}
        </button>
      </footer>
    </>
  );
}

function GradeButtons({
  label,
  slot,
  scale,
  grades,
  tried,
  t,
  onGrade,
}: {
  label: string;
  slot: string;
  scale: BallotSheet['scale'];
  grades: Record<string, Grade>;
  tried: boolean;
  t: Translate;
  onGrade: (key: string, grade: Grade) => void;
}) {
  const current = grades[slot];
  const missing = tried && !current;
  return (
    <div
      role="radiogroup"
      aria-label={label}
      className="b-grades"
      data-missing={missing}
      style={{ gridTemplateColumns: `repeat(${Math.min(scale.length, 4)}, 1fr)` }}
    >
      {scale.map(({ grade }) => (
        <button
          key={grade}
          type="button"
          role="radio"
          aria-checked={current === grade}
          className="b-grade"
          onClick={() => onGrade(slot, grade)}
        >
          {gradeLabel(t, grade)}
        </button>
      ))}
      {missing && <span className="b-missing">{t('missing')}</span>}
    </div>
  );
}

function Review({
  sheet,
  grades,
  t,
  phase,
  onBack,
  onSubmit,
}: {
  sheet: BallotSheet;
  grades: Record<string, Grade>;
  t: Translate;
  phase: Extract<Phase, { name: 'review' | 'sending' | 'offline' }>;
  onBack: () => void;
  onSubmit: () => void;
}) {
  const counts = sheet.scale.map(({ grade }) => ({
    grade,
    count: Object.values(grades).filter((g) => g === grade).length,
  }));
  const sending = phase.name === 'sending';
  return (
    <section className="p-card" aria-labelledby="b-summary">
      <h2 id="b-summary">{t('summaryTitle')}</h2>
      <p className="b-counts">{counts.map((c) => `${gradeLabel(t, c.grade)} ${c.count}`).join(' · ')}</p>
      <table className="b-summary">
        <tbody>
          {dueOf(sheet).map((r) =>
            sheet.criteria.length === 0 ? (
              <tr key={r.id}>
                <th scope="row">{r.memberName}</th>
                <Pick grade={grades[r.id]} t={t} />
              </tr>
            ) : (
              sheet.criteria.map((c, i) => {
                return (
                  <tr key={`${r.id}:${c.id}`}>
                    {i === 0 && (
                      <th scope="row" rowSpan={sheet.criteria.length}>
                        {r.memberName}
                      </th>
                    )}
                    <td>{c.name}</td>
                    <Pick grade={grades[`${r.id}:${c.id}`]} t={t} />
                  </tr>
                );
              })
            ),
          )}
        </tbody>
      </table>
      {phase.name === 'offline' && (
        <p className="p-error" role="alert">
          {t('offline')}
        </p>
      )}
      {sending && (
        <p className="p-muted" role="status">
          {phase.attempt > 1 ? t('retrying', { attempt: phase.attempt }) : t('submitting')}
        </p>
      )}
      {/* within a thumb's reach however long the list */}
      <footer className="b-bar p-row">
        <button type="button" className="p-secondary" onClick={onBack} disabled={sending}>
          {t('back')}
        </button>
        <button type="button" className="p-primary" onClick={onSubmit} disabled={sending}>
          {phase.name === 'offline' ? t('retry') : t('submit')}
        </button>
      </footer>
    </section>
  );
}

function Pick({ grade, t }: { grade: Grade | undefined; t: Translate }) {
  return <td className={`b-pick b-pick-${grade ?? ''}`}>{grade ? gradeLabel(t, grade) : ''}</td>;
}

const ENDINGS: Record<Ending, { title: Parameters<Translate>[0]; text: Parameters<Translate>[0]; tone: string }> = {
  done: { title: 'doneTitle', text: 'doneText', tone: 'ok' },
  waiting: { title: 'waitingTitle', text: 'waitingText', tone: 'ok' },
  used: { title: 'usedTitle', text: 'usedText', tone: 'warn' },
  closed: { title: 'closedTitle', text: 'closedText', tone: 'warn' },
  notOpen: { title: 'notOpenTitle', text: 'notOpenText', tone: 'info' },
  throttled: { title: 'throttledTitle', text: 'throttledText', tone: 'warn' },
};

function End({
  ending,
  t,
  onOther,
  onRefresh,
}: {
  ending: Ending;
  t: Translate;
  onOther: () => void;
  onRefresh: () => void;
}) {
  const e = ENDINGS[ending];
  return (
    <section className={`p-card b-end b-end-${e.tone}`} data-ending={ending} role="status">
      <div className="b-end-mark" aria-hidden="true">
        {e.tone === 'ok' ? '✓' : '!'}
      </div>
      <h2>{t(e.title)}</h2>
      <p>{t(e.text)}</p>
      {(ending === 'notOpen' || ending === 'throttled' || ending === 'waiting') && (
        <button type="button" className="p-primary" onClick={onRefresh}>
          {t('refresh')}
        </button>
      )}
      {ending === 'done' && (
        <button type="button" className="p-secondary" onClick={onRefresh}>
          {t('more')}
        </button>
      )}
      {ending !== 'done' && ending !== 'waiting' && (
        <button type="button" className="p-secondary" onClick={onOther}>
          {t('otherCode')}
        </button>
      )}
    </section>
  );
}
