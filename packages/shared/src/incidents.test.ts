import { describe, expect, it } from 'vitest';
import { allowedIncidentActions, nextIncidentStatus, severityRank } from './incidents';

describe('incident lifecycle', () => {
  it('walks new → acknowledged → assigned → in progress → resolved → closed', () => {
    expect(nextIncidentStatus('new', 'acknowledge', false)).toBe('acknowledged');
    expect(nextIncidentStatus('acknowledged', 'assign', false)).toBe('assigned');
    expect(nextIncidentStatus('assigned', 'start', true)).toBe('in_progress');
    expect(nextIncidentStatus('in_progress', 'resolve', true)).toBe('resolved');
    expect(nextIncidentStatus('resolved', 'close', true)).toBe('closed');
  });
  it('refuses skipped steps', () => {
    expect(nextIncidentStatus('new', 'resolve', false)).toBeNull();
    expect(nextIncidentStatus('closed', 'close', true)).toBeNull();
    expect(nextIncidentStatus('new', 'start', false)).toBeNull();
  });
  it('reopens to the assignee when there is one', () => {
    expect(nextIncidentStatus('closed', 'reopen', true)).toBe('assigned');
    expect(nextIncidentStatus('resolved', 'reopen', false)).toBe('acknowledged');
  });
  it('re-assigns without leaving work in progress', () => {
    expect(nextIncidentStatus('in_progress', 'assign', true)).toBe('in_progress');
    expect(allowedIncidentActions('in_progress')).toEqual(['assign', 'resolve']);
  });
  it('ranks severities', () => {
    expect(severityRank('severe')).toBeGreaterThan(severityRank('moderate'));
  });
});
