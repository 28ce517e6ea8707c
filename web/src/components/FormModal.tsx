import { Alert, App, Button, Drawer, Form, Modal, Space, type FormInstance } from 'antd';
import { useLayoutEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from './serverErrors';
import { usePhone } from './usePhone';

type NamePath = (string | number)[];

export interface FormModalProps<V> {
  title: ReactNode;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  /** saves the values; a thrown ApiError's field errors go under their fields, the rest above the form */
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  /** a drawer for long forms (full width on a phone), a modal otherwise */
  as?: 'modal' | 'drawer';
  width?: number;
  okText?: ReactNode;
  /** the save button in red, for a step that cannot be undone (dissolving, terminating) */
  danger?: boolean;
  /** fields the form shows server errors for without a Form.Item of that name (lists) */
  errorFields?: NamePath[];
  /** the form's name for a server field, when the form edits it under another name (applyServerErrors) */
  renameField?: (field: string) => string;
  children: ReactNode;
}

/**
 * The one form pattern: a modal or drawer around an antd Form that saves through `onSubmit`, shows the server's
 * field errors under their fields (serverErrors.ts) and the others above the form, and asks before a form with
 * unsaved changes is closed.
 */
export default function FormModal<V>(props: FormModalProps<V>) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const phone = usePhone();
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const { form } = props;
  // The caller's form outlives the dialog, and antd keeps its values past the dialog's unmount, above the next
  // opening's initialValues: each opening starts from its own (not another row's values, nor a discarded draft).
  useLayoutEffect(() => form.resetFields(), [form]);

  const close = () => {
    if (!dirty) {
      props.onClose();
      return;
    }
    modal.confirm({
      title: t('form.discardTitle'),
      content: t('form.discardBody'),
      okText: t('form.discard'),
      okButtonProps: { danger: true },
      cancelText: t('form.keepEditing'),
      onOk: props.onClose,
    });
  };

  const submit = async (values: V) => {
    setOtherErrors([]);
    setSaving(true);
    try {
      await props.onSubmit(values);
      setDirty(false);
    } catch (error) {
      setOtherErrors(applyServerErrors(props.form, error, props.errorFields, props.renameField));
    } finally {
      setSaving(false);
    }
  };

  const body = (
    <>
      {otherErrors.length > 0 && (
        <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />
      )}
      <Form<V>
        form={props.form}
        layout="vertical"
        initialValues={props.initialValues}
        scrollToFirstError
        onValuesChange={() => setDirty(true)}
        onFinish={(values) => void submit(values)}
      >
        {props.children}
      </Form>
    </>
  );
  const okText = props.okText ?? t('common.save');

  if (props.as === 'drawer') {
    return (
      <Drawer
        title={props.title}
        open
        onClose={close}
        width={phone ? '100%' : (props.width ?? 720)}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" danger={props.danger} loading={saving} onClick={() => props.form.submit()}>
              {okText}
            </Button>
          </Space>
        }
      >
        {body}
      </Drawer>
    );
  }
  return (
    <Modal
      title={props.title}
      open
      onCancel={close}
      onOk={() => props.form.submit()}
      okText={okText}
      okButtonProps={{ danger: props.danger }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={props.width}
      destroyOnHidden
      maskClosable={!dirty}
    >
      {body}
    </Modal>
  );
}
