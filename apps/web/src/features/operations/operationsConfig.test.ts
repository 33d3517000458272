import { describe, expect, it } from 'vitest';
import { policyProblems, stepProblems, toPolicy, toStep, type PolicyDraft } from './operationsConfig';

const policy = (patch: Partial<PolicyDraft> = {}): PolicyDraft => ({
  incidentType: 'fire',
  severity: 'severe',
  ackMinutes: '3',
  resolveMinutes: '120',
  autoCreate: true,
  supervisorPersonCode: 'GS1',
  leaderPersonCode: '',
  ...patch,
});

describe('SLA and SOP editor checks', () => {
  it('accepts valid rows and turns them into what the API takes', () => {
    expect(
      policyProblems([policy(), policy({ severity: 'extreme' }), policy({ incidentType: '*' })]),
    ).toEqual({});
    expect(toPolicy(policy({ incidentType: ' fire ', leaderPersonCode: ' ' }))).toEqual({
      incidentType: 'fire',
      severity: 'severe',
      ackMinutes: 3,
      resolveMinutes: 120,
      autoCreate: true,
      supervisorPersonCode: 'GS1',
      leaderPersonCode: null,
    });
    expect(toStep({ title: ' Gọi 114 ', responsible: 'Trực ban', dueMinutes: '5' })).toEqual({
      title: 'Gọi 114',
      responsible: 'Trực ban',
      dueMinutes: 5,
    });
  });

  it('points at each wrong field of a policy row', () => {
    expect(
      policyProblems([
        policy(),
        policy({ incidentType: ' ', ackMinutes: '0', resolveMinutes: '1,5' }),
        policy({ ackMinutes: '-3' }),
        policy({ supervisorPersonCode: 'x'.repeat(51) }),
      ]),
    ).toEqual({
      '1.incidentType': 'opsConfig.error.typeRequired',
      '1.ackMinutes': 'opsConfig.error.minutes',
      '1.resolveMinutes': 'opsConfig.error.minutes',
      '2.severity': 'opsConfig.error.duplicate',
      '2.ackMinutes': 'opsConfig.error.minutes',
      '3.severity': 'opsConfig.error.duplicate',
      '3.supervisorPersonCode': 'opsConfig.error.tooLong',
    });
  });

  it('points at each wrong field of an SOP step', () => {
    expect(
      stepProblems([
        { title: 'Xác minh', responsible: 'Trực ban', dueMinutes: '5' },
        { title: '', responsible: ' ', dueMinutes: 'năm' },
        { title: 'x'.repeat(501), responsible: 'Công an', dueMinutes: '2.5' },
      ]),
    ).toEqual({
      '1.title': 'opsConfig.error.required',
      '1.responsible': 'opsConfig.error.required',
      '1.dueMinutes': 'opsConfig.error.minutes',
      '2.title': 'opsConfig.error.tooLong',
      '2.dueMinutes': 'opsConfig.error.minutes',
    });
  });
});
