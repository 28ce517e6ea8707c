import { Type, type Static } from 'typebox';
import { ACCESS_ROLES } from '../enums';
import { PASSWORD_MIN_LENGTH } from '../passwords/rules';
import { USER_ABILITIES } from '../users/access';
import { Id, Nullable } from './common';

export const AccessRole = Type.Enum(ACCESS_ROLES);
export const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 200 });
export const Username = Type.String({ minLength: 2, maxLength: 50, pattern: '^[A-Za-z0-9_.@-]+$' });

export const Login = Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const GrantInput = Type.Object({ role: AccessRole, orgId: Nullable(Id) }, { additionalProperties: false });
export type GrantInput = Static<typeof GrantInput>;
export const UserCreate = Type.Object(
  {
    username: Username,
    password: Password,
    displayName: Type.Optional(Type.String({ maxLength: 50 })),
    memberId: Type.Optional(Nullable(Id)),
    roles: Type.Array(GrantInput, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Nullable(Type.String()),
  memberId: Nullable(Type.String()),
  mustChangePassword: Type.Boolean(),
  roles: Type.Array(Type.Object({ role: AccessRole, orgId: Nullable(Type.String()), orgName: Nullable(Type.String()) })),
});
export type User = Static<typeof User>;

export const PasswordChange = Type.Object({ currentPassword: Type.String({ maxLength: 200 }), newPassword: Password }, { additionalProperties: false });
export const PasswordReset = Type.Object({ newPassword: Password }, { additionalProperties: false });
export const TokenCreate = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

const UserFilterFields = {
  /** part of the username or the display name */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  role: Type.Optional(AccessRole),
  /** accounts with a grant at this organization or below it (with `role`: that role there) */
  orgId: Type.Optional(Id),
  disabled: Type.Optional(Type.Boolean()),
};

/** The filter of the list, alone: what the export of the list takes. */
export const UserFilter = Type.Object(UserFilterFields, { additionalProperties: false });
export type UserFilter = Static<typeof UserFilter>;

export const UserListQuery = Type.Object(
  {
    ...UserFilterFields,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

/** Disable or enable several accounts at once: all of them, or none when any one may not be. */
export const UserBatch = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }),
    action: Type.Enum(['disable', 'enable']),
  },
  { additionalProperties: false },
);
export type UserBatch = Static<typeof UserBatch>;

export const UserAbility = Type.Enum(USER_ABILITIES);
export const UserListItem = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Nullable(Type.String()),
  memberId: Nullable(Type.String()),
  disabled: Type.Boolean(),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
  /** `editable`: the caller may take this grant back (it lies in the caller's scope) */
  roles: Type.Array(Type.Object({ role: AccessRole, orgId: Nullable(Type.String()), orgName: Nullable(Type.String()), editable: Type.Boolean() })),
  abilities: Type.Array(UserAbility),
});
export type UserListItem = Static<typeof UserListItem>;

/** `roles` is the whole new set: grants outside the caller's scope must stay as they are. */
export const UserUpdate = Type.Object(
  {
    displayName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    roles: Type.Optional(Type.Array(GrantInput, { minItems: 1, maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type UserUpdate = Static<typeof UserUpdate>;
