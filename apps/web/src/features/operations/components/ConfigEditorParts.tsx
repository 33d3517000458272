import { useState } from 'react';
import type { MessageKey } from '../../../lib/i18n/messages';
import { useI18n } from '../../../lib/i18n/useI18n';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import type { Problems } from '../operationsConfig';

/** The problem of one field of an editor, read out when it appears. */
export function FieldProblem({ problem, id }: { problem: MessageKey | undefined; id: string }) {
  const { t } = useI18n();
  return problem ? (
    <span className="field-problem" id={id} role="alert">
      {t(problem)}
    </span>
  ) : null;
}

/**
 * Saving an editor: its fields are checked first (nothing is sent while one is wrong), then
 * `send` runs; `saved` holds until the next edit (`edited`).
 */
export function useCheckedSave(check: () => Problems, send: () => Promise<void>) {
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  return {
    problems,
    error,
    saved,
    edited: () => setSaved(false),
    reset: () => {
      setProblems({});
      setSaved(false);
    },
    save: () => {
      const found = check();
      setProblems(found);
      setError(null);
      if (Object.keys(found).length) return;
      send().then(
        () => setSaved(true),
        (e: unknown) => setError(e),
      );
    },
  };
}

/** An editor's buttons (add a row, save) and what became of the last save. */
export function EditorFooter({
  state,
  addLabel,
  onAdd,
  saveLabel,
}: {
  state: ReturnType<typeof useCheckedSave>;
  addLabel: string;
  onAdd: () => void;
  saveLabel: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="ops-config-actions">
        <button type="button" className="button-secondary" onClick={onAdd}>
          {addLabel}
        </button>
        <button type="submit" className="button-primary">
          {saveLabel}
        </button>
        {Object.keys(state.problems).length ? (
          <span className="error-message" role="alert">
            {t('opsConfig.fixProblems')}
          </span>
        ) : null}
        {state.saved ? (
          <span className="success-message" role="status">
            {t('opsConfig.saved')}
          </span>
        ) : null}
      </div>
      {state.error ? <ErrorMessage error={state.error} /> : null}
    </>
  );
}
