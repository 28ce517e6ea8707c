import { Form, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS } from '../../../../domain/periods';

/** The agreed joint-activity frequency: at least N per year, quarter or month (inside any Form). */
export default function FrequencyField() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('pairing.frequency')} required tooltip={t('pairing.frequencyHelp')}>
      <Space.Compact>
        <Form.Item name={['frequency', 'per']} noStyle>
          <Select
            aria-label={t('pairing.frequencyPer')}
            className="pairing-frequency-per"
            options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`pairing.per.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name={['frequency', 'min']}
          noStyle
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber
            min={0}
            max={100}
            precision={0}
            aria-label={t('pairing.frequencyMin')}
            addonAfter={t('pairing.times')}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
