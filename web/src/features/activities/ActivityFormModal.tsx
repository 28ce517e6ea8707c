import { DeleteOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
  type FormListFieldData,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import FormModal from '../../components/FormModal';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import {
  ACTIVITY_TYPES,
  ATTENDANCE_STATUSES,
  type ActivityState,
  type ActivityType,
  type AttendanceStatus,
} from '../../../../domain/enums';
import type { Activity, ActivityCreate } from '../../../../domain/schemas/activities';
import type { Pairing } from '../../../../domain/schemas/pairings';
import { partyNames } from '../pairings/pairingQueries';
import PairingSelect from '../pairings/PairingSelect';
import { activityKeys, useRosters, type RosterEntry } from './activityQueries';
import AlsoCountsField from './AlsoCountsField';
import VoteOutcome from './VoteOutcome';

interface AttendeeValue {
  memberId?: string;
  status: AttendanceStatus;
  reason?: string | null;
}
interface GuestValue {
  name?: string;
  unit?: string | null;
  title?: string | null;
}
interface ResolutionValue {
  text?: string;
  ownerMemberId?: string | null;
  dueOn?: string | null;
  doneOn?: string | null;
}
interface VoteValue {
  subject?: string;
  entitled?: number;
  present?: number;
  yes?: number;
  no?: number;
  abstain?: number;
}

interface Values {
  type: ActivityType;
  hostOrgIds: (string | null)[];
  state: ActivityState;
  startsAt: Dayjs;
  endsAt: Dayjs;
  online: boolean;
  place?: string | null;
  subVenues: string[];
  presiderMemberId?: string | null;
  recorderMemberId?: string | null;
  speaker?: string | null;
  theme: string;
  agenda?: string | null;
  minutes?: string | null;
  talkMemberIds: string[];
  attendees: AttendeeValue[];
  guests: GuestValue[];
  resolutions: ResolutionValue[];
  votes: VoteValue[];
  pairingId?: string | null;
  alsoCounts?: ActivityType[];
}

type Props = { onClose: () => void; onSaved: (id: string) => void } & (
  /** a joint activity of `pairing`, hosted by its parties (those the user acts for first) */
  { mode: 'create'; orgId: string | null; pairing?: Pairing } | { mode: 'edit'; activity: Activity }
);

const text = (v: string | null | undefined) => v?.trim() || null;

/** The states an activity in a given state may move to (the server enforces the same). */
const NEXT_STATES: Record<ActivityState, ActivityState[]> = {
  planned: ['planned', 'held'],
  held: ['held'],
  cancelled: ['cancelled', 'planned'],
};
const n = (v: number | undefined) => v ?? 0;

function toBody(v: Values): ActivityCreate {
  return {
    type: v.type,
    hostOrgIds: v.hostOrgIds.filter((id): id is string => !!id),
    state: v.state,
    startsAt: v.startsAt.format(),
    endsAt: v.endsAt.format(),
    online: v.online,
    place: text(v.place),
    subVenues: v.online ? v.subVenues.map((s) => s.trim()).filter(Boolean) : [],
    presiderMemberId: v.presiderMemberId ?? null,
    recorderMemberId: v.recorderMemberId ?? null,
    speaker: text(v.speaker),
    theme: v.theme.trim(),
    agenda: text(v.agenda),
    minutes: text(v.minutes),
    talkMemberIds: v.type === 'heart_talk' ? v.talkMemberIds : [],
    attendees: v.attendees.map((a) => ({
      memberId: a.memberId ?? '',
      status: a.status,
      reason: a.status === 'present' ? null : text(a.reason),
    })),
    guests: v.guests.map((g) => ({ name: g.name?.trim() ?? '', unit: text(g.unit), title: text(g.title) })),
    resolutions: v.resolutions.map((r) => ({
      text: r.text?.trim() ?? '',
      ownerMemberId: r.ownerMemberId ?? null,
      dueOn: r.dueOn ?? null,
      doneOn: r.doneOn ?? null,
    })),
    votes:
      v.type === 'general_assembly'
        ? v.votes.map((x) => ({
            subject: x.subject?.trim() ?? '',
            entitled: n(x.entitled),
            present: n(x.present),
            yes: n(x.yes),
            no: n(x.no),
            abstain: n(x.abstain),
          }))
        : [],
    pairingId: v.pairingId ?? null,
    alsoCounts: v.alsoCounts ?? [],
  };
}

function fromActivity(a: Activity): Values {
  return {
    type: a.type,
    hostOrgIds: a.hostOrgIds,
    state: a.state,
    startsAt: dayjs(a.startsAt),
    endsAt: dayjs(a.endsAt),
    online: a.online,
    place: a.place,
    subVenues: a.subVenues,
    presiderMemberId: a.presider?.id ?? null,
    recorderMemberId: a.recorder?.id ?? null,
    speaker: a.speaker,
    theme: a.theme,
    agenda: a.agenda,
    minutes: a.minutes,
    talkMemberIds: a.talkMembers.map((m) => m.id),
    attendees: a.attendees.map((x) => ({ memberId: x.memberId, status: x.status, reason: x.reason })),
    guests: a.guests.map((g) => ({ name: g.name, unit: g.unit, title: g.title })),
    resolutions: a.resolutions.map((r) => ({
      text: r.text,
      ownerMemberId: r.owner?.id ?? null,
      dueOn: r.dueOn,
      doneOn: r.doneOn,
    })),
    votes: a.votes.map((v) => ({
      subject: v.subject,
      entitled: v.entitled,
      present: v.present,
      yes: v.yes,
      no: v.no,
      abstain: v.abstain,
    })),
    pairingId: a.pairingId,
    alsoCounts: a.alsoCounts,
  };
}

function newValues(orgId: string | null, pairing: Pairing | undefined): Partial<Values> {
  const start = dayjs().add(1, 'hour').startOf('hour');
  const hosts = pairing
    ? [...pairing.actingOrgIds, ...pairing.partyOrgIds.filter((id) => !pairing.actingOrgIds.includes(id))]
    : [orgId];
  return {
    type: 'theme_day',
    hostOrgIds: hosts,
    pairingId: pairing?.id ?? null,
    state: 'planned',
    startsAt: start,
    endsAt: start.add(2, 'hour'),
    online: false,
    subVenues: [],
    talkMemberIds: [],
    attendees: [],
    guests: [],
    resolutions: [],
    votes: [],
  };
}

/** Members of the rosters plus people already named on the record (a presider from above). */
function memberOptions(roster: RosterEntry[], activity: Activity | null) {
  const options = roster.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }));
  const known = new Set(roster.map((m) => m.id));
  const named = activity
    ? [
        activity.presider,
        activity.recorder,
        ...activity.talkMembers,
        ...activity.attendees.map((a) => ({ id: a.memberId, name: a.name })),
        ...activity.resolutions.map((r) => r.owner),
      ]
    : [];
  for (const ref of named) {
    if (ref && !known.has(ref.id)) {
      known.add(ref.id);
      options.push({ value: ref.id, label: ref.name });
    }
  }
  return options;
}

export default function ActivityFormModal(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = props.mode === 'edit' ? props.activity : null;
  const watchedHosts = Form.useWatch('hostOrgIds', form) as (string | null)[] | undefined;
  const hostIds = (watchedHosts ?? (editing ? editing.hostOrgIds : [])).filter((id): id is string => !!id);
  const type = (Form.useWatch('type', form) as ActivityType | undefined) ?? editing?.type;
  const online = (Form.useWatch('online', form) as boolean | undefined) ?? editing?.online ?? false;
  const roster = useRosters(hostIds);
  // the parties of the pairing a joint activity is created for, by name
  const partyLabels = props.mode === 'create' && props.pairing ? partyNames(props.pairing) : null;
  const options = memberOptions(roster.members, editing);
  const memberSelect = (extra: { mode?: 'multiple'; maxCount?: number } = {}) => (
    <Select
      {...extra}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={roster.loading}
      options={options}
    />
  );

  const save = async (values: Values) => {
    const body = toBody(values);
    const activity = editing
      ? await api<Activity>(`/activities/${editing.id}`, { method: 'PATCH', body })
      : await api<Activity>('/activities', { method: 'POST', body });
    void message.success(editing ? t('common.saved') : t('activity.created'));
    await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    props.onSaved(activity.id);
  };

  const addRoster = () => {
    const current = (form.getFieldValue('attendees') as AttendeeValue[] | undefined) ?? [];
    const listed = new Set(current.map((a) => a.memberId));
    form.setFieldValue('attendees', [
      ...current,
      ...roster.members
        .filter((m) => !listed.has(m.id))
        .map((m): AttendeeValue => ({ memberId: m.id, status: 'present', reason: null })),
    ]);
  };

  const required = [{ required: true, message: t('common.required') }];
  const initialValues =
    props.mode === 'edit' ? fromActivity(props.activity) : newValues(props.orgId, props.pairing);

  return (
    <FormModal<Values>
      title={editing ? t('activity.edit') : t('activity.create')}
      form={form}
      initialValues={initialValues}
      onSubmit={save}
      onClose={props.onClose}
      as="drawer"
      width={960}
      errorFields={[['hostOrgIds'], ['attendees'], ['votes']]}
    >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="type" label={t('activity.type')} rules={required}>
              <Select
                options={ACTIVITY_TYPES.map((v) => ({ value: v, label: t(`enums.activityType.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="theme" label={t('activity.theme')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.List
              name="hostOrgIds"
              rules={[
                {
                  validator: async (_r, value: (string | null)[] | undefined) => {
                    if (!value?.some(Boolean)) throw new Error(t('activity.hostRequired'));
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <Form.Item label={t('activity.hosts')} required tooltip={t('activity.hostsHelp')}>
                  {fields.map((field, index) => (
                    <Space key={field.key} className="activity-host-row" align="start">
                      <Form.Item name={field.name} noStyle>
                        <OrgTreeSelect
                          className="activity-host-select"
                          placeholder={index === 0 ? t('activity.organizer') : t('activity.coHost')}
                          valueLabel={
                            editing?.hosts.find((h) => h.id === editing.hostOrgIds[index])?.name ??
                            partyLabels?.get(watchedHosts?.[index] ?? '')
                          }
                        />
                      </Form.Item>
                      {index > 0 && (
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('activity.removeHost')}
                          onClick={() => remove(field.name)}
                        />
                      )}
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(null)}>
                    {t('activity.addHost')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </Form.Item>
              )}
            </Form.List>
          </Col>
          <Col xs={24}>
            <Form.Item name="pairingId" label={t('activity.pairing')} tooltip={t('activity.pairingHelp')}>
              <PairingSelect
                allowClear
                placeholder={t('activity.pairingNone')}
                filters={{ org: hostIds[0], state: 'active' }}
              />
            </Form.Item>
          </Col>
          <AlsoCountsField orgId={hostIds[0]} type={type} />
          <Col xs={24} md={8}>
            <Form.Item name="state" label={t('activity.state')} rules={required}>
              <Radio.Group
                optionType="button"
                options={NEXT_STATES[editing?.state ?? 'planned'].map((s) => ({
                  value: s,
                  label: t(`enums.activityState.${s}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="startsAt" label={t('activity.startsAt')} rules={required}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="date-field" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="endsAt" label={t('activity.endsAt')} rules={required}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="date-field" />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="online" label={t('activity.online')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={16} md={10}>
            <Form.Item name="place" label={online ? t('activity.mainVenue') : t('activity.place')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {online && (
            <Col xs={24} md={10}>
              <Form.Item
                name="subVenues"
                label={t('activity.subVenues')}
                tooltip={t('activity.subVenuesHelp')}
              >
                <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={8}>
            <Form.Item name="presiderMemberId" label={t('activity.presider')}>
              {memberSelect()}
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="recorderMemberId" label={t('activity.recorder')}>
              {memberSelect()}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="speaker" label={t('activity.speaker')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {type === 'heart_talk' && (
            <Col xs={24}>
              <Form.Item name="talkMemberIds" label={t('activity.talkMembers')} rules={required}>
                {memberSelect({ mode: 'multiple', maxCount: 2 })}
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item name="agenda" label={t('activity.agenda')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="minutes" label={t('activity.minutes')}>
              <Input.TextArea rows={4} maxLength={50000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left">{t('activity.attendees')}</Divider>
        <Form.List name="attendees">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => (
                <AttendeeRow key={field.key} name={field.name} onRemove={() => remove(field.name)}>
                  {memberSelect()}
                </AttendeeRow>
              ))}
              <Space wrap>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ status: 'present', reason: null } satisfies AttendeeValue)}
                >
                  {t('activity.addAttendee')}
                </Button>
                <Button icon={<TeamOutlined />} onClick={addRoster} disabled={roster.members.length === 0}>
                  {t('activity.addRoster')}
                </Button>
              </Space>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>

        <Divider orientation="left">{t('activity.guests')}</Divider>
        <RowList name="guests" addLabel={t('activity.addGuest')}>
          {(field) => (
            <>
              <Col xs={24} md={6}>
                <Form.Item name={[field.name, 'name']} rules={required}>
                  <Input placeholder={t('activity.guestName')} aria-label={t('activity.guestName')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name={[field.name, 'unit']}>
                  <Input placeholder={t('activity.guestUnit')} aria-label={t('activity.guestUnit')} />
                </Form.Item>
              </Col>
              <Col xs={20} md={6}>
                <Form.Item name={[field.name, 'title']}>
                  <Input placeholder={t('activity.guestTitle')} aria-label={t('activity.guestTitle')} />
                </Form.Item>
              </Col>
            </>
          )}
        </RowList>

        <Divider orientation="left">{t('activity.resolutions')}</Divider>
        <RowList name="resolutions" addLabel={t('activity.addResolution')}>
          {(field) => (
            <>
              <Col xs={24} md={9}>
                <Form.Item name={[field.name, 'text']} rules={required}>
                  <Input
                    placeholder={t('activity.resolutionText')}
                    aria-label={t('activity.resolutionText')}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item name={[field.name, 'ownerMemberId']}>{memberSelect()}</Form.Item>
              </Col>
              <Col xs={10} md={4}>
                <Form.Item name={[field.name, 'dueOn']}>
                  <DateField placeholder={t('activity.dueOn')} />
                </Form.Item>
              </Col>
              <Col xs={10} md={4}>
                <Form.Item name={[field.name, 'doneOn']}>
                  <DateField placeholder={t('activity.doneOn')} />
                </Form.Item>
              </Col>
            </>
          )}
        </RowList>

        {type === 'general_assembly' && (
          <>
            <Divider orientation="left">{t('activity.votes')}</Divider>
            <Typography.Paragraph type="secondary">{t('activity.voteRule')}</Typography.Paragraph>
            <Form.List name="votes">
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field) => {
                    const saved = editing?.votes[field.name];
                    return (
                      <Row gutter={8} key={field.key} className="activity-list-row" align="top">
                        <Col xs={24} md={6}>
                          <Form.Item
                            name={[field.name, 'subject']}
                            label={t('activity.voteSubject')}
                            rules={required}
                          >
                            <Input />
                          </Form.Item>
                        </Col>
                        {(['entitled', 'present', 'yes', 'no', 'abstain'] as const).map((key) => (
                          <Col xs={8} md={3} key={key}>
                            <Form.Item
                              name={[field.name, key]}
                              label={t(`activity.vote.${key}`)}
                              rules={required}
                            >
                              <InputNumber min={0} precision={0} className="date-field" />
                            </Form.Item>
                          </Col>
                        ))}
                        <Col xs={24} md={3}>
                          {saved && <VoteOutcome quorum={saved.quorum} passed={saved.passed} />}
                          <Button
                            icon={<DeleteOutlined />}
                            aria-label={t('activity.remove')}
                            onClick={() => remove(field.name)}
                          />
                        </Col>
                      </Row>
                    );
                  })}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('activity.addVote')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </>
        )}
    </FormModal>
  );
}

function AttendeeRow({
  name,
  onRemove,
  children,
}: {
  name: number;
  onRemove: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const status = Form.useWatch(['attendees', name, 'status'], form) as AttendanceStatus | undefined;
  return (
    <Row gutter={8} className="activity-list-row">
      <Col xs={24} md={9}>
        <Form.Item name={[name, 'memberId']} rules={[{ required: true, message: t('common.required') }]}>
          {children}
        </Form.Item>
      </Col>
      <Col xs={10} md={5}>
        <Form.Item name={[name, 'status']}>
          <Select
            aria-label={t('activity.attendanceStatus')}
            options={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: t(`enums.attendanceStatus.${s}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={10} md={8}>
        {status && status !== 'present' && (
          <Form.Item name={[name, 'reason']}>
            <Input placeholder={t('activity.reason')} aria-label={t('activity.reason')} maxLength={200} />
          </Form.Item>
        )}
      </Col>
      <Col xs={4} md={2}>
        <Button icon={<DeleteOutlined />} aria-label={t('activity.remove')} onClick={onRemove} />
      </Col>
    </Row>
  );
}

/** A list of rows the user adds and removes (guests, resolutions): the fields, a remove button, an add button. */
function RowList({
  name,
  addLabel,
  children,
}: {
  name: string;
  addLabel: string;
  children: (field: FormListFieldData) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Row gutter={8} key={field.key} className="activity-list-row">
              {children(field)}
              <Col xs={4} md={2}>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('activity.remove')}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}
