import type { FormInstance } from 'antd';

/**
 * A dialog's form values once they validate, else `null`: a rejected validation is already shown on
 * the fields, so there is nothing more to say (the form-mutation hook's `submit` ignores `null`).
 */
export function validated<T>(form: FormInstance<T>): Promise<T | null> {
  return form.validateFields().catch(() => null);
}
