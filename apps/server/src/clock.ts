/** The time source of everything with deadlines, SLAs and schedules; tests pass a controllable one. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
