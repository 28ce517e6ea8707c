import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Result,
  Space,
  Spin,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import MemberSelect from '../../components/MemberSelect';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { applyServerErrors } from '../../components/serverErrors';
import { useScope } from '../../layout/scope';
import { DEFAULT_SCALE, DEFAULT_THRESHOLDS } from '../../../../domain/assessments/tally';
import { WEIGHT_TOTAL } from '../../../../domain/assessments/setup';
import type { Assessment, AssessmentCreate, AssessmentPatch } from '../../../../domain/schemas/assessments';
import type { OrgDetail } from '../../../../domain/schemas/orgs';
import { fetchOrgChildren } from '../orgs/orgQueries';
import { assessmentKeys, assessmentPath, useAssessment } from './assessmentQueries';
import { gradeLabel } from './format';
import './assessments.css';

interface ReporterValue {
  id?: string;
  orgId?: string | null;
  memberId?: string;
  /** names of prefilled values, shown before the pickers load them */
  orgName?: string;
  memberName?: string;
}
interface Values {
  title: string;
  year: number;
  heldOn: string | null;
  organizerOrgId: string | null;
  reporters: ReporterValue[];
  scale: { grade: string; points: number }[];
  thresholds: Record<string, number | null>;
  criteria: { id?: string; name: string }[];
  raterGroups: { id?: string; name: string; weight: number | null }[];
  venues: { id?: string; name: string; main: boolean }[];
}

/** The wizard's steps and the top-level fields each one edits (a server error opens its step). */
const STEPS = [
  { key: 'basics', fields: ['title', 'year', 'heldOn', 'organizerOrgId'] },
  { key: 'reporters', fields: ['reporters'] },
  { key: 'scale', fields: ['scale', 'thresholds', 'criteria'] },
  { key: 'groups', fields: ['raterGroups', 'venues'] },
] as const;

function stepOf(field: string): number {
  const top = field.replace(/^\//, '').split(/[./[]/)[0] ?? '';
  const at = STEPS.findIndex((s) => (s.fields as readonly string[]).includes(top));
  return at < 0 ? 0 : at;
}

function fromAssessment(a: Assessment): Values {
  return {
    title: a.title,
    year: a.year,
    heldOn: a.heldOn,
    organizerOrgId: a.organizerOrgId,
    reporters: a.reporters.map((r) => ({
      id: r.id,
      orgId: r.orgId,
      memberId: r.memberId,
      orgName: r.orgName,
      memberName: r.memberName,
    })),
    scale: a.scale,
    thresholds: a.thresholds,
    criteria: a.criteria.map((c) => ({ id: c.id, name: c.name })),
    raterGroups: a.raterGroups.map((g) => ({ id: g.id, name: g.name, weight: g.weight })),
    venues: a.venues.map((v) => ({ id: v.id, name: v.name, main: v.main })),
  };
}

function newValues(organizerOrgId: string | null, t: TFunction): Values {
  // held early in the year about the year before
  const year = dayjs().year() - 1;
  return {
    title: t('assessment.defaultTitle', { year }),
    year,
    heldOn: dayjs().format('YYYY-MM-DD'),
    organizerOrgId,
    reporters: [],
    scale: DEFAULT_SCALE.map((s) => ({ ...s })),
    thresholds: { ...DEFAULT_THRESHOLDS },
    criteria: [],
    raterGroups: [
      { name: t('assessment.defaultGroups.committee'), weight: 40 },
      { name: t('assessment.defaultGroups.heads'), weight: 30 },
      { name: t('assessment.defaultGroups.representatives'), weight: 30 },
    ],
    venues: [
      { name: t('assessment.defaultVenues.main'), main: true },
      { name: t('assessment.defaultVenues.sub'), main: false },
    ],
  };
}

function body(v: Values): AssessmentCreate {
  const id = (x: { id?: string }) => (x.id ? { id: x.id } : {});
  const grades = v.scale.map((s) => s.grade);
  return {
    title: v.title.trim(),
    year: v.year,
    heldOn: v.heldOn ?? '',
    organizerOrgId: v.organizerOrgId ?? '',
    reporters: v.reporters.map((r) => ({ ...id(r), orgId: r.orgId ?? '', memberId: r.memberId ?? '' })),
    scale: v.scale.map((s) => ({ grade: s.grade, points: s.points })),
    // the lowest grade takes every score below the others and has no threshold
    thresholds: Object.fromEntries(
      grades.slice(0, -1).map((g) => [g, v.thresholds[g] ?? 0]),
    ),
    criteria: v.criteria.filter((c) => c.name?.trim()).map((c) => ({ ...id(c), name: c.name.trim() })),
    raterGroups: v.raterGroups.map((g) => ({ ...id(g), name: g.name.trim(), weight: g.weight ?? 0 })),
    venues: v.venues.map((x) => ({ ...id(x), name: x.name.trim(), main: !!x.main })),
  };
}

/** Set-up of a debriefing assessment, new or a draft: basics, reporters in speaking order, scale, groups and venues. */
export default function AssessmentFormPage() {
  const { id } = useParams();
  const existing = useAssessment(id ?? '');
  const { t } = useTranslation();
  if (!id) return <AssessmentForm />;
  if (existing.isPending) return <Spin className="page-spinner" />;
  if (existing.isError) return <Result status="error" title={t('common.error')} subTitle={existing.error.message} />;
  if (existing.data.state !== 'draft' || !existing.data.canManage)
    return <Result status="warning" title={t('assessment.notEditable')} />;
  return <AssessmentForm assessment={existing.data} />;
}

function AssessmentForm({ assessment }: { assessment?: Assessment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { scopeId } = useScope();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [initial] = useState<Values>(() => (assessment ? fromAssessment(assessment) : newValues(scopeId, t)));
  const organizerOrgId = Form.useWatch('organizerOrgId', form);
  const groups = Form.useWatch('raterGroups', form);
  const weightTotal = (groups ?? initial.raterGroups).reduce((sum, g) => sum + (g?.weight ?? 0), 0);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const b = body(v);
      if (!assessment) return api<Assessment>('/assessments', { method: 'POST', body: b });
      const { organizerOrgId: _organizer, ...patch } = b;
      return api<Assessment>(assessmentPath(assessment.id), { method: 'PATCH', body: patch satisfies AssessmentPatch });
    },
    onSuccess: async (saved) => {
      void message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
      void navigate(`/assessments/${saved.id}${assessment ? '' : '?tab=codes'}`);
    },
    onError: (error) => {
      const unmatched = applyServerErrors(form, error);
      setOtherErrors(unmatched);
      const first = form.getFieldsError().find((f) => f.errors.length > 0);
      if (first) setStep(stepOf(first.name.join('.')));
    },
  });

  // every subsidiary of the organizer, each with its secretary when its committee names one
  const addSubsidiaries = useMutation({
    mutationFn: async (parentId: string) => {
      const { items } = await fetchOrgChildren(parentId);
      const details = await Promise.all(
        items.map((o) => api<OrgDetail>(`/orgs/${encodeURIComponent(o.id)}`).catch(() => null)),
      );
      return items.map((o, i): ReporterValue => {
        const secretary = details[i]?.committee.find((s) => s.role === 'secretary');
        return { orgId: o.id, orgName: o.name, memberId: secretary?.memberId, memberName: secretary?.memberName };
      });
    },
    onSuccess: (rows) => {
      const current = (form.getFieldValue('reporters') as ReporterValue[] | undefined) ?? [];
      const known = new Set(current.map((r) => r.orgId));
      form.setFieldValue('reporters', [...current, ...rows.filter((r) => !known.has(r.orgId))]);
    },
  });

  const next = async () => {
    try {
      await form.validateFields([...STEPS[step]!.fields], { recursive: true });
      setStep(step + 1);
    } catch {
      // the form shows the errors under their fields
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  const last = step === STEPS.length - 1;

  return (
    <Card title={assessment ? t('assessment.editTitle') : t('assessment.createTitle')} className="assessment-form">
      <Steps
        current={step}
        size="small"
        onChange={setStep}
        className="assessment-steps"
        items={STEPS.map((s) => ({ key: s.key, title: t(`assessment.steps.${s.key}`) }))}
      />
      {otherErrors.length > 0 && <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => {
          setOtherErrors([]);
          save.mutate(v);
        }}
        onFinishFailed={({ errorFields }) => {
          // the first problem may sit on a step that is not shown
          const first = errorFields[0];
          if (first) setStep(stepOf(first.name.join('.')));
        }}
        scrollToFirstError
      >
        <div hidden={step !== 0}>
          <Form.Item name="title" label={t('assessment.title')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="year" label={t('assessment.year')} rules={required} tooltip={t('assessment.yearHint')}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="heldOn" label={t('assessment.heldOn')} rules={required}>
              <DateField />
            </Form.Item>
          </Space>
          <Form.Item name="organizerOrgId" label={t('assessment.organizer')} rules={required}>
            <OrgTreeSelect
              rootId={scopeId}
              disabled={!!assessment}
              valueLabel={assessment?.organizerOrgName}
              placeholder={t('assessment.organizerHint')}
            />
          </Form.Item>
        </div>

        <div hidden={step !== 1}>
          <Typography.Paragraph type="secondary">{t('assessment.reportersHint')}</Typography.Paragraph>
          <Form.List
            name="reporters"
            rules={[
              {
                validator: async (_r, rows?: ReporterValue[]) => {
                  if (!rows?.length) throw new Error(t('assessment.reportersRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove, move }, { errors }) => (
              <>
                <ol className="assessment-reporters">
                  {fields.map((field, index) => (
                    <ReporterRow
                      key={field.key}
                      index={index}
                      count={fields.length}
                      rootId={organizerOrgId ?? null}
                      onMove={(to) => move(index, to)}
                      onRemove={() => remove(index)}
                    />
                  ))}
                </ol>
                <Form.ErrorList errors={errors} />
                <Space wrap>
                  <Button icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('assessment.addReporter')}
                  </Button>
                  <Button
                    icon={<TeamOutlined />}
                    disabled={!organizerOrgId}
                    loading={addSubsidiaries.isPending}
                    onClick={() => organizerOrgId && addSubsidiaries.mutate(organizerOrgId)}
                  >
                    {t('assessment.addSubsidiaries')}
                  </Button>
                </Space>
              </>
            )}
          </Form.List>
        </div>

        <div hidden={step !== 2}>
          <Typography.Title level={5}>{t('assessment.scale')}</Typography.Title>
          {/* the grades are fixed rows, so plain items: a threshold is not part of the scale list */}
          <table className="assessment-scale">
            <thead>
              <tr>
                <th>{t('assessment.grade')}</th>
                <th>{t('assessment.points')}</th>
                <th>{t('assessment.threshold')}</th>
              </tr>
            </thead>
            <tbody>
              {initial.scale.map(({ grade }, index) => {
                const label = gradeLabel(t, grade);
                return (
                  <tr key={grade}>
                    <td>{label}</td>
                    <td>
                      <Form.Item name={['scale', index, 'points']} rules={required} noStyle>
                        <InputNumber min={0} max={1000} precision={0} aria-label={`${label} ${t('assessment.points')}`} />
                      </Form.Item>
                      <Form.Item name={['scale', index, 'grade']} hidden>
                        <Input />
                      </Form.Item>
                    </td>
                    <td>
                      {index === initial.scale.length - 1 ? (
                        <Typography.Text type="secondary">{t('assessment.below')}</Typography.Text>
                      ) : (
                        <Form.Item name={['thresholds', grade]} rules={required} noStyle>
                          <InputNumber
                            min={0}
                            max={1000}
                            step={0.01}
                            addonBefore="≥"
                            aria-label={`${label} ${t('assessment.threshold')}`}
                          />
                        </Form.Item>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Form.Item name="scale" noStyle>
            <ErrorsOnly />
          </Form.Item>
          <Form.Item name="thresholds" noStyle>
            <ErrorsOnly />
          </Form.Item>
          <Typography.Title level={5}>{t('assessment.criteria')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('assessment.criteriaHint')}</Typography.Paragraph>
          <Form.List name="criteria">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" className="assessment-line">
                    <Form.Item name={[field.name, 'name']} rules={required}>
                      <Input
                        maxLength={100}
                        placeholder={t('assessment.criterionName')}
                        aria-label={`${t('assessment.criterionName')} ${index + 1}`}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('assessment.remove')} onClick={() => remove(index)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                  {t('assessment.addCriterion')}
                </Button>
              </>
            )}
          </Form.List>
        </div>

        <div hidden={step !== 3}>
          <Typography.Title level={5}>
            {t('assessment.raterGroups')}{' '}
            <Tag color={weightTotal === WEIGHT_TOTAL ? 'green' : 'red'} data-testid="weight-total">
              {t('assessment.weightTotal', { total: weightTotal })}
            </Tag>
          </Typography.Title>
          <Form.List
            name="raterGroups"
            rules={[
              {
                validator: async (_r, rows?: Values['raterGroups']) => {
                  const total = (rows ?? []).reduce((sum, g) => sum + (g?.weight ?? 0), 0);
                  if (!rows?.length) throw new Error(t('assessment.groupsRequired'));
                  if (total !== WEIGHT_TOTAL) throw new Error(t('assessment.weightsMustAdd', { total }));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" wrap className="assessment-line">
                    <Form.Item name={[field.name, 'name']} rules={required}>
                      <Input
                        maxLength={50}
                        placeholder={t('assessment.groupName')}
                        aria-label={`${t('assessment.groupName')} ${index + 1}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'weight']} rules={required}>
                      <InputNumber
                        min={0}
                        max={100}
                        precision={0}
                        addonAfter="%"
                        aria-label={`${t('assessment.weight')} ${index + 1}`}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('assessment.remove')} onClick={() => remove(index)} />
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', weight: null })}>
                  {t('assessment.addGroup')}
                </Button>
              </>
            )}
          </Form.List>
          <Typography.Title level={5}>{t('assessment.venues')}</Typography.Title>
          <Form.List
            name="venues"
            rules={[
              {
                validator: async (_r, rows?: Values['venues']) => {
                  if (!rows?.length) throw new Error(t('assessment.venuesRequired'));
                  if (rows.filter((v) => v?.main).length > 1) throw new Error(t('assessment.oneMainVenue'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Space key={field.key} align="start" wrap className="assessment-line">
                    <Form.Item name={[field.name, 'name']} rules={required}>
                      <Input
                        maxLength={100}
                        placeholder={t('assessment.venueName')}
                        aria-label={`${t('assessment.venueName')} ${index + 1}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'main']} valuePropName="checked">
                      <Checkbox>{t('assessment.mainVenue')}</Checkbox>
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('assessment.remove')} onClick={() => remove(index)} />
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', main: false })}>
                  {t('assessment.addVenue')}
                </Button>
              </>
            )}
          </Form.List>
        </div>

        <div className="assessment-form-actions">
          <Button onClick={() => void navigate(assessment ? `/assessments/${assessment.id}` : '/assessments')}>
            {t('common.cancel')}
          </Button>
          <Space>
            {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('assessment.prevStep')}</Button>}
            {!last && (
              <Button type="primary" onClick={() => void next()}>
                {t('assessment.nextStep')}
              </Button>
            )}
            {last && (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            )}
          </Space>
        </div>
      </Form>
    </Card>
  );
}

/** A form item that shows only its errors (server errors about a whole list, such as the scale). */
function ErrorsOnly() {
  const { errors } = Form.Item.useStatus();
  return errors.length > 0 ? <Form.ErrorList errors={errors} /> : null;
}

function ReporterRow({
  index,
  count,
  rootId,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  rootId: string | null;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const row = Form.useWatch(['reporters', index], form) as ReporterValue | undefined;
  const required = [{ required: true, message: t('common.required') }];
  return (
    <li className="assessment-reporter">
      <span className="assessment-order">{index + 1}</span>
      <Form.Item name={[index, 'orgId']} rules={required} className="assessment-reporter-org">
        <OrgTreeSelect
          rootId={rootId}
          valueLabel={row?.orgName}
          placeholder={t('assessment.reporterOrg')}
          onChange={() => {
            // Form.Item stores the organization; the member picked for another one no longer fits
            form.setFieldValue(['reporters', index, 'memberId'], undefined);
            form.setFieldValue(['reporters', index, 'memberName'], undefined);
          }}
        />
      </Form.Item>
      <Form.Item name={[index, 'memberId']} rules={required} className="assessment-reporter-member">
        {row?.orgId ? (
          <MemberSelect
            orgId={row.orgId}
            subtree
            valueLabel={row.memberName}
            placeholder={t('assessment.reporterMember')}
          />
        ) : (
          <Input disabled placeholder={t('assessment.reporterMember')} />
        )}
      </Form.Item>
      <Space.Compact>
        <Button
          icon={<ArrowUpOutlined />}
          disabled={index === 0}
          aria-label={t('assessment.moveUp')}
          onClick={() => onMove(index - 1)}
        />
        <Button
          icon={<ArrowDownOutlined />}
          disabled={index === count - 1}
          aria-label={t('assessment.moveDown')}
          onClick={() => onMove(index + 1)}
        />
        <Button icon={<DeleteOutlined />} aria-label={t('assessment.remove')} onClick={onRemove} />
      </Space.Compact>
    </li>
  );
}
