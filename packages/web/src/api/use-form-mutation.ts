import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { errorMessage } from './client';

/**
 * The one way a form or button writes (TanStack Query's mutation): busy while it runs, the error to
 * show beside the form until the next try, a success message, and the lists it changed refetched.
 */
export function useFormMutation<V, R = unknown>(opts: {
  mutate: (values: V) => Promise<R>;
  success?: string | ((result: R, values: V) => string);
  /** Query keys (or their prefixes, from the area's key factory) whose data the write changes. */
  invalidate?: readonly QueryKey[];
  onDone?: (result: R, values: V) => void;
  /** Show a failure as a message too: for a button or a form with no place beside it for `error`. */
  errorToast?: boolean;
}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const m = useMutation({
    mutationFn: opts.mutate,
    onSuccess: async (result, values) => {
      if (opts.success) {
        message.success(typeof opts.success === 'string' ? opts.success : opts.success(result, values));
      }
      await Promise.all((opts.invalidate ?? []).map((queryKey) => qc.invalidateQueries({ queryKey })));
      opts.onDone?.(result, values);
    },
    onError: (e) => {
      if (opts.errorToast) message.error(errorMessage(e));
    },
  });
  return {
    busy: m.isPending,
    error: m.error,
    /** Runs the write; `null` (a form that did not validate) does nothing. */
    submit: (values: V | null | undefined) => {
      if (values === null || values === undefined) return;
      m.mutate(values);
    },
    submitAsync: m.mutateAsync,
    reset: m.reset,
    /** What the last write was given: with `busy`, which row of a list is being written. */
    variables: m.variables,
  };
}
