import { Col, Form, Input, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import DateField from '../../components/DateField';
import FrequencyField from './FrequencyField';

/** The terms of an agreement inside a form: dates, the state to create in, frequency, plaque and text. */
export default function AgreementFields({ withState }: { withState: boolean }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Row gutter={16}>
      <Col xs={12} md={6}>
        <Form.Item name="signedOn" label={t('pairing.signedOn')}>
          <DateField />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="validFrom" label={t('pairing.validFrom')} rules={required}>
          <DateField />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="validTo" label={t('pairing.validTo')} rules={required}>
          <DateField />
        </Form.Item>
      </Col>
      {withState && (
        <Col xs={12} md={6}>
          <Form.Item name="state" label={t('pairing.state')}>
            <Radio.Group
              optionType="button"
              options={(['draft', 'active'] as const).map((s) => ({
                value: s,
                label: t(`enums.pairingState.${s}`),
              }))}
            />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={12}>
        <FrequencyField />
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={['plaque', 'awardedOn']} label={t('pairing.plaqueAwardedOn')}>
          <DateField />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={['plaque', 'wording']} label={t('pairing.plaqueWording')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="content" label={t('pairing.content')}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
      </Col>
    </Row>
  );
}
