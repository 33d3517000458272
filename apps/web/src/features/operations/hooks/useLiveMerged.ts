import { useEffect, useMemo, useState } from 'react';
import { subscribeToTopic } from '../../live/liveStore';

/**
 * Items from the server merged with those that arrived live since (by id), so a new event shows
 * the moment its message arrives; the refetch that follows brings the exact list.
 */
export function useLiveMerged<T extends { id: string }>(
  fetched: T[] | undefined,
  topic: string,
  accept: (item: T) => boolean,
  newerOf: (a: T, b: T) => T,
): T[] {
  const [live, setLive] = useState<Map<string, T>>(new Map());
  useEffect(
    () =>
      subscribeToTopic(topic, (data) => {
        const item = data as T;
        if (accept(item)) setLive((m) => new Map(m).set(item.id, item));
      }),
    [topic, accept],
  );
  return useMemo(() => {
    const byId = new Map((fetched ?? []).map((item) => [item.id, item]));
    for (const [id, item] of live) {
      const known = byId.get(id);
      byId.set(id, known ? newerOf(known, item) : item);
    }
    return [...byId.values()];
  }, [fetched, live, newerOf]);
}
