import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
}

/** A date picker whose value is the API's `YYYY-MM-DD` string. */
export default function DateField({ value, onChange, id, disabled, placeholder }: Props) {
  return (
    <DatePicker
      id={id}
      disabled={disabled}
      placeholder={placeholder}
      className="date-field"
      format="YYYY-MM-DD"
      value={value ? dayjs(value, 'YYYY-MM-DD') : null}
      onChange={(date) => onChange?.(date ? date.format('YYYY-MM-DD') : null)}
    />
  );
}
