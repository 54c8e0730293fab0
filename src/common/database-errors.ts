// PostgreSQL reports a broken unique index as SQLSTATE 23505 with the index name; TypeORM wraps it.
export function uniqueViolation(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError ?? (error as { code?: string; constraint?: string });
  return driverError?.code === '23505' ? (driverError.constraint ?? 'unique') : undefined;
}
