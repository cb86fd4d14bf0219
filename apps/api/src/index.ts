export { createApp, type AppDeps } from './app';
export { startApi, type ApiResources, type StartApiOptions } from './server';
export type { IntakeOutcome, ReservationIntake } from './reservations/reservation-intake';
