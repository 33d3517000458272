/**
 * Server-Sent Events with a steady reconnect. EventSource reconnects by itself after a dropped
 * connection, but gives up for good when the server answers with an error status; then we retry
 * after a pause so a wall screen recovers from a server restart without a reload.
 */
export type EventHandlers = Record<string, (data: unknown) => void>;

const RETRY_MS = 15_000;

export function openEventStream(
  url: string,
  handlers: EventHandlers,
  onStatus?: (connected: boolean) => void,
): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  // EventSource resends Last-Event-ID on its own reconnects; a new EventSource after a give-up passes it in the URL.
  let lastEventId = '';

  const connect = () => {
    if (closed) return;
    const resume = lastEventId ? `${url}${url.includes('?') ? '&' : '?'}lastEventId=${lastEventId}` : url;
    source = new EventSource(resume, { withCredentials: true });
    source.onopen = () => onStatus?.(true);
    source.onerror = () => {
      onStatus?.(false);
      if (source?.readyState === EventSource.CLOSED) {
        source.close();
        source = null;
        retry = setTimeout(connect, RETRY_MS);
      }
    };
    for (const [type, handler] of Object.entries(handlers)) {
      source.addEventListener(type, (event) => {
        if ((event as MessageEvent).lastEventId) lastEventId = (event as MessageEvent).lastEventId;
        let data: unknown = null;
        try {
          data = JSON.parse((event as MessageEvent<string>).data);
        } catch {
          data = (event as MessageEvent<string>).data;
        }
        handler(data);
      });
    }
  };
  connect();
  return () => {
    closed = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
