import { Type, type TSchema } from 'typebox';

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const DateString = (opts: { description?: string } = {}) =>
  Type.String({ format: 'date', pattern: DATE_PATTERN, description: opts.description ?? 'YYYY-MM-DD' });
export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    /** the parameters of the message code, for a client that words the message itself */
    params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
    details: Type.Optional(Type.Unknown()),
  }),
});

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
};

/** For a list with page numbers: skip this many items (the page's cursor is then ignored). */
export const OffsetQuery = {
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Optional(Type.Integer()),
    nextCursor: Type.Optional(Nullable(Type.String())),
  });
}
