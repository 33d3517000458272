import { useCallback, useEffect, useState } from 'react';

/** Index of the view on screen, advancing every `intervalMs` unless paused. */
export function useRotation(count: number, intervalMs: number) {
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const [startedAt, setStartedAt] = useState(() => Date.now());
  const go = useCallback(
    (delta: number) => {
      setIndex((i) => (((i + delta) % count) + count) % count);
      setStartedAt(Date.now());
    },
    [count],
  );
  useEffect(() => {
    if (paused || count < 2) return;
    const timer = setTimeout(() => go(1), Math.max(0, intervalMs - (Date.now() - startedAt)));
    return () => clearTimeout(timer);
  }, [paused, count, intervalMs, startedAt, go]);
  return {
    index: Math.min(index, count - 1),
    paused,
    setPaused,
    next: () => go(1),
    previous: () => go(-1),
    startedAt,
  };
}
