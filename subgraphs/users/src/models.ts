import type { Role } from '@seats/platform';

/** An account as the API shows it: never carries the password hash. */
export interface UserModel {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

/** A signed-in session: what `register`, `login` and `refreshSession` return. */
export interface AuthPayloadModel {
  accessToken: string;
  refreshToken: string;
  user: UserModel;
}
