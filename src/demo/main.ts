import 'reflect-metadata';
import { bootstrap, exitOnFailure } from '../bootstrap';
import { runsWorker } from '../config/config';
import { ClockService } from '../infra/clock/clock.service';
import { ReminderSweepService } from '../reminders/reminder-sweep.service';
import { readDemoData } from './demo-data';
import { loadDemo } from './demo-loader';

// `npm run demo`: the service exactly as `npm start` runs it, with the Kon Rẫy 2024 data set
// loaded up to the service's clock (CLOCK_START replays a moment of the year).
bootstrap({
  beforeListen: async (app, config, logger) => {
    // The reminders' portal links point at this service, so a unit's form opens from the outbox.
    await loadDemo(app, readDemoData(), app.get(ClockService).now(), logger, { portalBaseUrl: `http://localhost:${config.port}` });
    // The worker's first sweep ran before the data was there; one more shows this morning's
    // reminders at once instead of at the next tick.
    if (runsWorker(config)) await app.get(ReminderSweepService).sweep();
  },
}).catch(exitOnFailure);
