import { Foundation1764400000000 } from './1764400000000-Foundation';

// Every migration, oldest first. A new migration is added here as well as in its own file.
export const MIGRATIONS = [Foundation1764400000000];
