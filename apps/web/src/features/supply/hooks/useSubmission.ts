import { useEffect, useState } from 'react';
import { requestJson } from '../../../lib/api/http';
import { invalidateQueries } from '../../../lib/api/query';
import type { Submission } from '../api/supplyApi';

/** Polls a submission while its file is queued or processed. */
export function useSubmission(id: string): { submission: Submission | null; reload: () => void } {
  const [submission, setSubmission] = useState<Submission | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      requestJson<{ submission: Submission }>(`/api/v1/submissions/${id}`).then(
        ({ submission: s }) => {
          if (stopped) return;
          setSubmission(s);
          if (s.status === 'queued' || s.status === 'processing') timer = setTimeout(poll, 400);
          // Done: lists showing this submission refresh.
          else invalidateQueries((url) => url.startsWith('/api/v1/submissions?'));
        },
        () => {
          if (!stopped) timer = setTimeout(poll, 2000);
        },
      );
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, tick]);
  return { submission, reload: () => setTick((n) => n + 1) };
}
