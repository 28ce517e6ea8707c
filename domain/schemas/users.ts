import { Type, type Static } from 'typebox';
import { ACCESS_ROLES } from '../enums';
import { PASSWORD_MIN_LENGTH } from '../passwords/rules';
import { Id, Nullable } from './common';

export const AccessRole = Type.Enum(ACCESS_ROLES);
export const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 200 });
export const Username = Type.String({ minLength: 2, maxLength: 50, pattern: '^[A-Za-z0-9_.@-]+$' });

export const Login = Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const GrantInput = Type.Object({ role: AccessRole, orgId: Nullable(Id) }, { additionalProperties: false });
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
