// The member's own record on a phone (a light entry: web/m/record/index.html, served at /m/record):
// the record, membership history and committee roles, the activities coming up (with the way to sign
// in) and the sign-ins and attendance so far, from /users/me and the member part of /workbench.
import { useEffect, useState } from 'react';
import type { Workbench } from '../../../../domain/schemas/workbench';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { failureText, mountPhonePage, type PhoneContext } from '../PhonePage';
import type { MessageKey } from '../messages';
import { phoneApi } from '../phoneApi';

type MemberHome = NonNullable<Workbench['member']>;
const ATTENDANCE_TAG: Record<string, string> = { present: 'green', absent: 'red' };

function Record({ me, tx }: PhoneContext) {
  const [home, setHome] = useState<MemberHome | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (!me.member) return;
    phoneApi<Workbench>('/workbench', tx.language).then((w) => setHome(w.member), setFailure);
  }, [me.member, tx.language]);

  const member = me.member;
  if (!member) return <p className="p-card p-center">{tx.t('noMember')}</p>;
  const dash = (v: string | null) => v || '—';
  const facts: [MessageKey, string][] = [
    ['name', member.name],
    ['gender', tx.label('gender', member.gender)],
    ['ethnicity', dash(member.ethnicity)],
    ['birthDate', formatDate(member.birthDate)],
    ['idNumber', dash(member.idNumber)],
    ['phone', dash(member.phone)],
    ['education', member.education ? tx.label('education', member.education) : '—'],
    ['status', tx.label('memberStatus', member.status)],
    ['joinedOn', formatDate(member.joinedOn)],
    ['fullOn', member.fullOn ? formatDate(member.fullOn) : '—'],
    ['category', tx.label('memberCategory', member.category)],
    ['jobTitle', dash(member.jobTitle)],
    ['org', member.orgName],
  ];
  return (
    <>
      <section className="p-card" aria-labelledby="record">
        <h2 id="record">{member.name}</h2>
        <dl className="p-facts">
          {facts.map(([key, value]) => (
            <div key={key} className="p-fact">
              <dt>{tx.t(key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="p-card" aria-labelledby="upcoming">
        <h2 id="upcoming">{tx.t('upcoming')}</h2>
        {failure !== null && (
          <p className="p-error" role="alert">
            {failureText(tx, failure)}
          </p>
        )}
        {home && home.upcoming.length === 0 && <p className="p-muted">{tx.t('noUpcoming')}</p>}
        <ul className="p-list">
          {home?.upcoming.map((a) => (
            <li key={a.id}>
              <div className="p-item-title">{a.theme}</div>
              <div className="p-line">
                <span>{formatDateTime(a.startsAt)}</span>
                {a.place && <span>{a.place}</span>}
                <a href={`/checkin/${encodeURIComponent(a.id)}`}>{tx.t('toCheckin')}</a>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="p-card" aria-labelledby="attendance">
        <h2 id="attendance">{tx.t('attendance')}</h2>
        {home && home.attendance.length === 0 && <p className="p-muted">{tx.t('noAttendance')}</p>}
        <ul className="p-list" data-testid="attendance">
          {home?.attendance.map((a) => (
            <li key={a.activityId}>
              <div className="p-item-title">{a.theme}</div>
              <div className="p-line">
                <span>{formatDate(a.heldOn)}</span>
                <span className={`p-tag ${ATTENDANCE_TAG[a.status] ?? ''}`}>{tx.label('attendanceStatus', a.status)}</span>
                {a.signedInAt && <span>{formatDateTime(a.signedInAt)}</span>}
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="p-card" aria-labelledby="history">
        <h2 id="history">{tx.t('history')}</h2>
        <ul className="p-list">
          {member.history.map((h) => (
            <li key={`${h.orgId}-${h.fromOn}`}>
              <div className="p-item-title">{h.orgName}</div>
              <div className="p-line">
                <span>
                  {formatDate(h.fromOn)} ~ {h.toOn ? formatDate(h.toOn) : tx.t('current')}
                </span>
                {h.note && <span>{h.note}</span>}
              </div>
            </li>
          ))}
        </ul>
        {member.committeeRoles.length > 0 && (
          <>
            <h2>{tx.t('committeeRoles')}</h2>
            <ul className="p-list">
              {member.committeeRoles.map((r) => (
                <li key={`${r.orgId}-${r.role}-${r.startedOn}`}>
                  <div className="p-item-title">{tx.label('committeeRole', r.role)}</div>
                  <div className="p-line">
                    <span>{r.orgName}</span>
                    <span>{formatDate(r.startedOn)}</span>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

mountPhonePage('recordTitle', (context) => <Record {...context} />);
