import 'reflect-metadata';
import { bootstrap, exitOnFailure } from '../bootstrap';
import { ClockService } from '../infra/clock/clock.service';
import { readDemoData } from './demo-data';
import { loadDemo } from './demo-loader';

// `npm run demo`: the service exactly as `npm start` runs it, with the Kon Rẫy 2024 data set
// loaded up to the service's clock (CLOCK_START replays a moment of the year).
bootstrap({
  beforeListen: async (app, _config, logger) => {
    await loadDemo(app, readDemoData(), app.get(ClockService).now(), logger);
  },
}).catch(exitOnFailure);
