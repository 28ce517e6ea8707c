import { FullscreenOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import LanguageSwitch from '../../layout/LanguageSwitch';
import { formatDate } from '../../i18n/dates';
import type { Assessment, Progress, Results } from '../../../../domain/schemas/assessments';
import { ballotUrl, useAssessment, useLiveProgress, useResults } from './assessmentQueries';
import { figure, gradeLabel } from './format';
import { ResultsChart } from './ResultsPanel';
import './assessments.css';

/**
 * A venue's screen during the meeting: who is reporting, the QR code to the ballot page, and the
 * ballots in against the codes issued, here and in total, pushed live. No grade is shown while
 * scoring is open; the moment it closes, the results.
 */
export default function ProjectorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const assessment = useAssessment(id);
  const { progress, live } = useLiveProgress(id);
  const state = progress?.state ?? assessment.data?.state;
  const finished = state === 'closed' || state === 'published';
  const results = useResults(id, finished);

  if (assessment.isPending) return <Spin size="large" className="page-spinner" />;
  if (assessment.isError) return <Result status="error" title={t('common.error')} subTitle={assessment.error.message} />;
  const a = assessment.data;
  const venue = a.venues.find((v) => v.id === params.get('venue')) ?? a.venues.find((v) => v.main) ?? a.venues[0];

  return (
    <div className="projector" data-state={state}>
      <header className="projector-top">
        <div>
          <h1 className="projector-title">{a.title}</h1>
          <div className="projector-sub">
            {venue?.name} · {formatDate(a.heldOn)}
          </div>
        </div>
        <div className="projector-tools">
          <span className={`projector-live ${live ? 'is-live' : ''}`}>
            {live ? t('assessment.live') : t('assessment.connecting')}
          </span>
          <LanguageSwitch />
          <Button
            ghost
            icon={<FullscreenOutlined />}
            aria-label={t('assessment.fullscreen')}
            onClick={() => void document.documentElement.requestFullscreen?.()}
          />
        </div>
      </header>
      {finished && results.data ? (
        <ProjectedResults assessment={a} results={results.data} />
      ) : (
        <div className="projector-main">
          <Speaking assessment={a} progress={progress} />
          <div className="projector-side">
            {state === 'open' || state === 'draft' ? <BallotQr /> : null}
            {progress && <Counts progress={progress} venueId={venue?.id} />}
          </div>
        </div>
      )}
      {finished && !results.data && <Spin size="large" className="page-spinner" />}
    </div>
  );
}

function Speaking({ assessment: a, progress }: { assessment: Assessment; progress: Progress | undefined }) {
  const { t } = useTranslation();
  const open = new Set(progress?.openReporterIds ?? a.reporters.filter((r) => r.open).map((r) => r.id));
  const openReporters = a.reporters.filter((r) => open.has(r.id));
  // reporters open one by one as they finish speaking: the last opened is the one on the stage
  const current = openReporters.at(-1);
  const all = openReporters.length === a.reporters.length && a.reporters.length > 1;
  return (
    <section className="projector-speaking" aria-live="polite">
      {progress?.state === 'draft' || !current ? (
        <div className="projector-waiting">{t('assessment.projectorWaiting')}</div>
      ) : all ? (
        <>
          <div className="projector-label">{t('assessment.scoringAll', { count: openReporters.length })}</div>
          <ol className="projector-all">
            {openReporters.map((r) => (
              <li key={r.id}>
                {r.memberName}
                <span>{r.orgName}</span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <>
          <div className="projector-label">{t('assessment.nowScoring')}</div>
          <div className="projector-name" data-testid="projector-reporter">
            {current.memberName}
          </div>
          <div className="projector-org">{current.orgName}</div>
          <div className="projector-order">
            {t('assessment.reporterNumber', { n: a.reporters.indexOf(current) + 1, total: a.reporters.length })}
          </div>
        </>
      )}
    </section>
  );
}

function BallotQr() {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const url = ballotUrl();
  useEffect(() => {
    void QRCode.toDataURL(url, { margin: 1, width: 560, errorCorrectionLevel: 'M' }).then(setQr);
  }, [url]);
  return (
    <div className="projector-qr">
      {qr && <img src={qr} alt={t('assessment.qrAlt')} />}
      <div className="projector-url">{url.replace(/^https?:\/\//, '')}</div>
      <div className="projector-qr-hint">{t('assessment.qrHint')}</div>
    </div>
  );
}

function Counts({ progress, venueId }: { progress: Progress; venueId: string | undefined }) {
  const { t } = useTranslation();
  const here = progress.byVenue.find((v) => v.venueId === venueId);
  return (
    <div className="projector-counts">
      {here && (
        <div className="projector-count">
          <div className="projector-count-label">{t('assessment.thisVenue')}</div>
          <div className="projector-count-value">
            <span data-testid="projector-venue-submitted">{here.submitted}</span>
            <small> / {here.issued}</small>
          </div>
        </div>
      )}
      <div className="projector-count">
        <div className="projector-count-label">{t('assessment.allVenues')}</div>
        <div className="projector-count-value">
          <span data-testid="projector-total-submitted">{progress.submitted}</span>
          <small> / {progress.issued}</small>
        </div>
      </div>
    </div>
  );
}

function ProjectedResults({ assessment: a, results }: { assessment: Assessment; results: Results }) {
  const { t } = useTranslation();
  const byId = new Map(results.reporters.map((r) => [r.reporterId, r]));
  return (
    <div className="projector-results" data-testid="projector-results">
      <h2>{t('assessment.resultsTitle', { count: results.ballots })}</h2>
      <div className="projector-results-body">
        <table>
          <thead>
            <tr>
              <th>{t('assessment.order')}</th>
              <th>{t('assessment.reporter')}</th>
              <th>{t('assessment.reporterOrg')}</th>
              <th>{t('assessment.share')}</th>
              <th>{t('assessment.score')}</th>
              <th>{t('assessment.overallGrade')}</th>
            </tr>
          </thead>
          <tbody>
            {a.reporters.map((r, i) => {
              const x = byId.get(r.id);
              return (
                <tr key={r.id}>
                  <td>{i + 1}</td>
                  <td>{r.memberName}</td>
                  <td className="projector-results-org">{r.orgName}</td>
                  <td>{x?.share === null || x?.share === undefined ? '—' : `${figure(x.share)}%`}</td>
                  <td className="projector-score">{figure(x?.score)}</td>
                  <td>{x?.grade ? gradeLabel(t, x.grade) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="projector-chart">
          <ResultsChart assessment={a} results={results} large />
        </div>
      </div>
    </div>
  );
}
