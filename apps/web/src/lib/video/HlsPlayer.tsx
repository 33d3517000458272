/**
 * A muted live player for an HLS stream (.m3u8). hls.js plays it through Media Source Extensions
 * wherever those exist (Chromium, Firefox, Edge, desktop Safari); where they do not (Safari on
 * iOS) the browser's native HLS takes over. Debian's Chromium plays H.264 in MPEG-TS segments
 * through hls.js (tested with a stream ffmpeg generates). Only this folder imports hls.js, and it
 * is loaded with the first player, not with the app.
 */
import { useEffect, useRef } from 'react';

export type PlayerState = 'loading' | 'playing' | 'error';

export function HlsPlayer({
  src,
  title,
  onState,
  className,
  controls = false,
}: {
  src: string;
  title: string;
  onState?: (state: PlayerState) => void;
  className?: string;
  controls?: boolean;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const report = useRef(onState);
  report.current = onState;

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let cancelled = false;
    let destroy = () => {};
    report.current?.('loading');
    const onPlaying = () => report.current?.('playing');
    const onError = () => report.current?.('error');
    element.addEventListener('playing', onPlaying);
    element.addEventListener('error', onError);
    void import('hls.js').then(({ default: Hls }) => {
      if (cancelled) return;
      if (Hls.isSupported()) {
        const hls = new Hls({ lowLatencyMode: true, manifestLoadingMaxRetry: 2 });
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (data.fatal) report.current?.('error');
        });
        hls.loadSource(src);
        hls.attachMedia(element);
        destroy = () => hls.destroy();
      } else if (element.canPlayType('application/vnd.apple.mpegurl')) {
        element.src = src;
        destroy = () => element.removeAttribute('src');
      } else {
        report.current?.('error');
      }
      element.play().catch(() => {
        // Autoplay of a muted video is allowed; a refusal leaves the poster and the error handler.
      });
    });
    return () => {
      cancelled = true;
      destroy();
      element.removeEventListener('playing', onPlaying);
      element.removeEventListener('error', onError);
    };
  }, [src]);

  return (
    <video
      ref={video}
      className={className}
      title={title}
      aria-label={title}
      muted
      autoPlay
      playsInline
      controls={controls}
      data-stream={src}
    />
  );
}
