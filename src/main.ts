import 'reflect-metadata';
import { bootstrap, exitOnFailure } from './bootstrap';

bootstrap().catch(exitOnFailure);
