/**
 * An answer already written as JSON, sent as it is. Pulls are built this way from proposals' stored
 * JSON text (see db/syncMigration.ts): parsing and re-serializing them for every desk was most of a
 * pull's cost.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** `value` as JSON text: spliced when it is already text, serialized otherwise. */
export function toJsonText(value: unknown): string {
  return value instanceof JsonText ? value.text : JSON.stringify(value);
}
