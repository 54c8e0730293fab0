import { Scenario } from '../scenario';
import { briefingScenario } from './briefing';
import { progressScenario } from './progress';
import { remindersScenario } from './reminders';
import { unitsListScenario } from './units-list';

// Every scenario, in the order `npm run bench` runs them. A new scenario is added here as well as
// in its own file.
export const SCENARIOS: readonly Scenario[] = [unitsListScenario, progressScenario, remindersScenario, briefingScenario];
