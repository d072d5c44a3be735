import { useFormMutation } from '../../../api/use-form-mutation';
import { mobilityWrites } from '../shared';

/** The old signature over the one form-mutation hook, for LostContactPage until it calls the hook itself. */
export function useSubmit<V>(run: (v: V) => Promise<unknown>, done: string, onDone: () => void) {
  return useFormMutation({ mutate: run, success: done, invalidate: mobilityWrites, onDone: () => onDone() });
}
