import { useEffect } from 'react';
import { useI18n } from '../../../lib/i18n/useI18n';
import { useQueryState } from '../../../lib/router/useQueryState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { Loading } from '../../../ui/Loading';
import { useAbout } from '../../about/hooks/useAbout';
import { useDomains } from '../../catalogue/hooks/useDomains';
import { useIndicators } from '../../catalogue/hooks/useIndicators';
import { LiveStatusBadge } from '../../live/components/LiveStatusBadge';
import { pickDefaultIndicator } from '../../overview/hooks/useOverviewState';
import { useLatestMonth } from '../../periods/hooks/useLatestMonth';
import { monthOf } from '../../periods/periodMath';
import { useClock } from '../hooks/useClock';
import { useRotation } from '../hooks/useRotation';
import { parseInterval, parseWallViews, type WallView } from '../wallViews';
import { WallDomainsView } from './WallDomainsView';
import { WallDomainView } from './WallDomainView';
import { WallIndicatorView } from './WallIndicatorView';
import { WallOverviewView } from './WallOverviewView';
import { WallWarningsView } from './WallWarningsView';

/**
 * Video-wall mode: dark, large type, full screen, rotating through `?views=` every `?interval=`
 * seconds; data refreshes live from the event stream. Space pauses, arrows step, F goes full screen.
 */
export function WallScreen() {
  const { t, pick, period: periodLabel, lang } = useI18n();
  const { query } = useQueryState();
  const views = parseWallViews(query.get('views'));
  const intervalS = parseInterval(query.get('interval'));
  const { index, paused, setPaused, next, previous, startedAt } = useRotation(views.length, intervalS * 1000);
  const { latestMonth, error } = useLatestMonth();
  const { indicators } = useIndicators();
  const { domains } = useDomains();
  const { about } = useAbout();
  const now = useClock();
  const period = query.get('period') ?? latestMonth;
  const month = period ? monthOf(period) : undefined;
  const view = views[index] as WallView;

  const titleOf = (v: WallView): string => {
    switch (v.kind) {
      case 'overview':
        return t('wall.overview');
      case 'warnings':
        return t('overview.warnings');
      case 'domains':
        return t('nav.domains');
      case 'domain': {
        const d = domains?.find((x) => x.code === v.code);
        return d ? pick(d) : v.code;
      }
      case 'indicator': {
        const i = indicators?.find((x) => x.code === v.code);
        return i ? pick(i) : v.code;
      }
    }
  };
  useDocumentTitle(`${t('nav.wall')} · ${titleOf(view)}`);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === ' ') {
        event.preventDefault();
        setPaused(!paused);
      } else if (event.key === 'ArrowRight') next();
      else if (event.key === 'ArrowLeft') previous();
      else if (event.key === 'f' || event.key === 'F')
        void document.documentElement.requestFullscreen?.().catch(() => {});
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [paused, setPaused, next, previous]);

  useEffect(() => {
    document.body.classList.add('wall-body');
    return () => document.body.classList.remove('wall-body');
  }, []);

  const clock = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  const today = `${String(now.getDate()).padStart(2, '0')}/${String(now.getMonth() + 1).padStart(2, '0')}/${now.getFullYear()}`;
  const mapIndicator = query.get('indicator') ?? pickDefaultIndicator(indicators);

  let content = <Loading />;
  if (error) content = <ErrorMessage error={error} />;
  else if (period && month && indicators) {
    switch (view.kind) {
      case 'overview':
        content = <WallOverviewView month={month} period={period} indicatorCode={mapIndicator} />;
        break;
      case 'warnings':
        content = <WallWarningsView month={month} />;
        break;
      case 'domains':
        content = <WallDomainsView month={month} />;
        break;
      case 'domain':
        content = <WallDomainView code={view.code} period={period} />;
        break;
      case 'indicator':
        content = <WallIndicatorView code={view.code} period={period} />;
        break;
    }
  }

  return (
    <div className="wall" data-testid="wall" data-view-index={index} data-view={view.kind}>
      <header className="wall-header">
        <div className="wall-title">
          <span className="brand-mark" aria-hidden="true">
            IOC
          </span>
          <h1>{titleOf(view)}</h1>
          {period ? <span className="wall-period">{periodLabel(period)}</span> : null}
        </div>
        <div className="wall-meta">
          {about?.demoNotice ? (
            <span className="wall-demo">{lang === 'en' ? about.demoNotice.en : about.demoNotice.vi}</span>
          ) : null}
          <LiveStatusBadge />
          <time className="wall-clock" aria-label={t('wall.clock')}>
            {clock} <small>{today}</small>
          </time>
        </div>
      </header>
      <main className="wall-content" aria-live="polite">
        {content}
      </main>
      <footer className="wall-footer">
        <ol className="wall-dots" aria-label={t('wall.views')}>
          {views.map((v, i) => (
            <li key={i} aria-current={i === index ? 'step' : undefined}>
              {titleOf(v)}
            </li>
          ))}
        </ol>
        <div className="wall-controls">
          <button type="button" onClick={previous} aria-label={t('wall.previous')}>
            ◀
          </button>
          <button type="button" onClick={() => setPaused(!paused)} aria-pressed={paused}>
            {paused ? t('wall.resume') : t('wall.pause')}
          </button>
          <button type="button" onClick={next} aria-label={t('wall.next')}>
            ▶
          </button>
          <button
            type="button"
            onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}
          >
            {t('wall.fullscreen')}
          </button>
        </div>
        {!paused && views.length > 1 ? (
          <div
            key={`${index}-${startedAt}`}
            className="wall-progress"
            style={{ animationDuration: `${intervalS}s` }}
            aria-hidden="true"
          />
        ) : null}
      </footer>
    </div>
  );
}
