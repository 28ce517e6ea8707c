import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';

export type EnumName =
  | 'orgType'
  | 'sector'
  | 'memberStatus'
  | 'memberCategory'
  | 'gender'
  | 'education'
  | 'committeeRole'
  | 'accessRole'
  | 'importKind'
  | 'order'
  | 'pairingCategory'
  | 'urgency'
  | 'itemStatus'
  | 'projectStatus';

type Props = Omit<SelectProps<string>, 'options'> & { enumName: EnumName; values: readonly string[] };

/** A Select over one of the domain enums, labelled in the current language. */
export default function EnumSelect({ enumName, values, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Select<string>
      // a filter has no label of its own: its placeholder names it for screen readers too; in a form
      // (an id) the field's label names it, and an aria-label would hide that label
      aria-label={rest.id === undefined && typeof rest.placeholder === 'string' ? rest.placeholder : undefined}
      {...rest}
      options={values.map((value) => ({ value, label: t(`enums.${enumName}.${value}`) }))}
    />
  );
}
