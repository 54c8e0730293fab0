import { Foundation1764400000000 } from './1764400000000-Foundation';
import { Holidays1764400001000 } from './1764400001000-Holidays';
import { Indicators1764400002000 } from './1764400002000-Indicators';
import { Quarters1764400003000 } from './1764400003000-Quarters';
import { Reminders1764400004000 } from './1764400004000-Reminders';
import { Briefings1764400005000 } from './1764400005000-Briefings';
import { Portal1764400006000 } from './1764400006000-Portal';
import { Attachments1764400007000 } from './1764400007000-Attachments';

// Every migration, oldest first. A new migration is added here as well as in its own file.
export const MIGRATIONS = [
  Foundation1764400000000,
  Holidays1764400001000,
  Indicators1764400002000,
  Quarters1764400003000,
  Reminders1764400004000,
  Briefings1764400005000,
  Portal1764400006000,
  Attachments1764400007000,
];
