import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import DateField from '../../components/DateField';

/**
 * The commitments of an agreement as editable rows: who owes it (a party, or a side of the
 * matrix), what, the target and the due date, and — on a signed agreement — when it was done.
 */
export default function CommitmentList({
  ownerField,
  ownerOptions,
  withDoneOn,
  newRow,
}: {
  ownerField: 'orgId' | 'side';
  ownerOptions: { value: string; label: string }[];
  withDoneOn: boolean;
  newRow: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Form.List name="commitments">
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <Row gutter={8} key={field.key} className="pairing-form-row">
              <Col xs={24} md={withDoneOn ? 5 : 4}>
                <Form.Item name={[field.name, ownerField]} rules={required}>
                  <Select
                    placeholder={t('pairing.owingSide')}
                    aria-label={t('pairing.owingSide')}
                    options={ownerOptions}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={withDoneOn ? 7 : 10}>
                <Form.Item name={[field.name, 'description']} rules={required}>
                  <Input
                    placeholder={t('pairing.commitment')}
                    aria-label={t('pairing.commitment')}
                    maxLength={1000}
                  />
                </Form.Item>
              </Col>
              <Col xs={withDoneOn ? 24 : 12} md={withDoneOn ? 4 : 5}>
                <Form.Item name={[field.name, 'target']}>
                  <Input placeholder={t('pairing.target')} aria-label={t('pairing.target')} maxLength={500} />
                </Form.Item>
              </Col>
              <Col xs={withDoneOn ? 10 : 8} md={withDoneOn ? 3 : 4}>
                <Form.Item name={[field.name, 'dueOn']}>
                  <DateField placeholder={t('pairing.dueOn')} />
                </Form.Item>
              </Col>
              {withDoneOn && (
                <Col xs={10} md={4}>
                  <Form.Item name={[field.name, 'doneOn']}>
                    <DateField placeholder={t('pairing.doneOn')} />
                  </Form.Item>
                </Col>
              )}
              <Col xs={4} md={1}>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('pairing.removeCommitment')}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newRow)}>
            {t('pairing.addCommitment')}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}
