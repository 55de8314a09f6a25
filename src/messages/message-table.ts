import { z } from '../dataset/z';

/**
 * A table of messages keyed by type, each entry holding the schema of its
 * parameters (every field but `type`). The tables in requests.ts, tab-requests.ts and
 * broadcasts.ts are the one declaration of each message; the union schemas
 * that validate them on receipt and the types both ends use are derived here.
 */
export type ParamsTable = Record<string, { params: z.ZodObject }>;

declare const RESULT: unique symbol;
/** Carries an answer's type in a table entry; nothing is there at run time. */
export interface Result<T> {
  readonly [RESULT]?: T;
}
/** Names the type a message is answered with: `result: result<SiteSettings>()`. */
export function result<T>(): Result<T> {
  return {};
}

/** A type's named fields; drops the index signature zod gives an empty strict object. */
type Fields<T> = { [F in keyof T as string extends F ? never : F]: T[F] };
/** What a sender writes: defaults may be left out. */
export type MessageIn<Table extends ParamsTable, K extends keyof Table & string> = { type: K } & Fields<z.input<Table[K]['params']>>;
/** What a receiver gets after validation: defaults filled in. */
export type MessageOf<Table extends ParamsTable, K extends keyof Table & string> = { type: K } & Fields<z.output<Table[K]['params']>>;
/** Any message of the table, as a union discriminated by `type`. */
export type AnyMessage<Table extends ParamsTable> = { [K in keyof Table & string]: MessageOf<Table, K> }[keyof Table & string];
export type ResultIn<Entry> = Entry extends { result: Result<infer T> } ? T : never;

/**
 * One strict object per type, `type` first, joined into a union discriminated
 * by `type`. A type that is not the table's own key (such as "__proto__" or
 * "toString") matches no member.
 */
export function messageUnion<Table extends ParamsTable>(table: Table): z.ZodType<AnyMessage<Table>> {
  const members = Object.entries(table).map(([type, { params }]) => z.strictObject({ type: z.literal(type), ...params.shape }));
  return z.discriminatedUnion('type', members as [(typeof members)[number], ...(typeof members)[number][]]) as unknown as z.ZodType<
    AnyMessage<Table>
  >;
}
