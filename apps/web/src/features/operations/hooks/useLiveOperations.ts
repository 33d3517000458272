import { useEffect } from 'react';
import { patchQueries } from '../../../lib/api/query';
import { subscribeToTopic } from '../../live/liveStore';
import type { IncidentView } from '../api/operationsApi';
import { applyEventMessage, applyIncidentMessage, type EventMessage } from '../liveOperations';

/**
 * While the operator screen is open, applies each `event` and `incident` message to the data on
 * screen the moment it arrives (the list, the map's events layer and total, the incident's status
 * and escalation); the refetch the live store starts next brings the exact answer.
 */
export function useLiveOperations(): void {
  useEffect(() => {
    const offEvent = subscribeToTopic('event', (data) =>
      patchQueries((url, held) => applyEventMessage(url, held, data as EventMessage)),
    );
    const offIncident = subscribeToTopic('incident', (data) =>
      patchQueries((url, held) => applyIncidentMessage(url, held, data as IncidentView)),
    );
    return () => {
      offEvent();
      offIncident();
    };
  }, []);
}
