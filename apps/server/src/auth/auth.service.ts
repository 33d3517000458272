import { roleSchema, type Role } from '@ioc/shared';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { writeAudit } from '../audit/audit.repository.js';
import { ANONYMOUS, type Actor, type AuthenticatedActor } from './actor.js';
import { hashPassword, hashSecret, newSecret, verifyPassword } from './passwords.js';
import { authorise, type Writer } from './policy.js';

const API_KEY_PREFIX = 'ioc';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  organisationCode?: string | null;
  scopeUnitCode?: string | null;
  /** The person (people register) this account belongs to: notifications to that person reach it. */
  personCode?: string | null;
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationCode: string | null;
  scopeUnitCode: string | null;
}

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly sessionHours: number,
  ) {}

  /** Resolves the caller from a session token or an API key; unknown credentials are refused. */
  async authenticate(credentials: { sessionToken?: string; apiKey?: string }): Promise<Actor> {
    if (credentials.apiKey) return this.authenticateApiKey(credentials.apiKey);
    if (credentials.sessionToken) return this.authenticateSession(credentials.sessionToken);
    return ANONYMOUS;
  }

  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; expiresAt: Date; user: UserView }> {
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'password_hash', 'is_active'])
      .where('username', '=', username)
      .executeTakeFirst();
    // Verify even for an unknown user so response time does not reveal which usernames exist.
    const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$2$1$1$AAAA$AAAA');
    if (!user || !user.is_active || !ok) throw new AppError('INVALID_CREDENTIALS');
    const token = newSecret();
    const expiresAt = new Date(Date.now() + this.sessionHours * 3600_000);
    await this.db
      .insertInto('sessions')
      .values({ token_hash: hashSecret(token), user_id: user.id, expires_at: expiresAt })
      .execute();
    return { token, expiresAt, user: await this.getUser(user.id) };
  }

  async logout(sessionToken: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hashSecret(sessionToken)).execute();
  }

  /** Creates a user (administrators, or the CLI on the server itself). */
  async createUser(writer: Writer, input: NewUser): Promise<UserView> {
    const by = authorise(writer, 'users.manage');
    roleSchema.parse(input.role);
    if (input.password.length < 10) {
      throw new AppError(
        'VALIDATION_FAILED',
        { field: 'password' },
        {
          vi: 'Mật khẩu phải có ít nhất 10 ký tự.',
          en: 'The password must have at least 10 characters.',
        },
      );
    }
    const exists = await this.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (exists) {
      throw new AppError(
        'CONFLICT',
        { username: input.username },
        {
          vi: `Tên đăng nhập "${input.username}" đã tồn tại.`,
          en: `Username "${input.username}" already exists.`,
        },
      );
    }
    const organisationId = input.organisationCode
      ? await this.idByCode('organisations', input.organisationCode)
      : null;
    const scopeUnitId = input.scopeUnitCode ? await this.currentUnitId(input.scopeUnitCode) : null;
    const personId = input.personCode ? await this.idByCode('people', input.personCode) : null;
    const { id } = await this.db
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        password_hash: await hashPassword(input.password),
        role: input.role,
        organisation_id: organisationId,
        scope_unit_id: scopeUnitId,
        person_id: personId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await this.getUser(id);
    await writeAudit(this.db, by, 'create', 'user', input.username, null, user);
    return user;
  }

  /** Issues an API key for a user; the secret is shown once and only its hash is kept. */
  async createApiKey(
    writer: Writer,
    username: string,
    name: string,
  ): Promise<{ key: string; prefix: string }> {
    const by = authorise(writer, 'users.manage');
    const user = await this.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (!user)
      throw new AppError(
        'NOT_FOUND',
        { username },
        { vi: `Không có người dùng "${username}".`, en: `No user "${username}".` },
      );
    const prefix = randomBytes(6).toString('hex');
    const secret = newSecret();
    await this.db
      .insertInto('api_keys')
      .values({ name, prefix, key_hash: hashSecret(secret), user_id: user.id })
      .execute();
    await writeAudit(this.db, by, 'create', 'api_key', prefix, null, { name, username });
    return { key: `${API_KEY_PREFIX}_${prefix}_${secret}`, prefix };
  }

  async getUser(id: number): Promise<UserView> {
    const row = await this.db
      .selectFrom('users')
      .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
      .leftJoin('units', 'units.id', 'users.scope_unit_id')
      .select([
        'users.id',
        'username',
        'display_name',
        'role',
        'organisations.code as org_code',
        'units.code as unit_code',
      ])
      .where('users.id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role as Role,
      organisationCode: row.org_code,
      scopeUnitCode: row.unit_code,
    };
  }

  private async authenticateSession(token: string): Promise<Actor> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'username', 'role', 'organisation_id', 'scope_unit_id', 'is_active', 'expires_at'])
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (!row || !row.is_active || new Date(row.expires_at) < new Date())
      throw new AppError('UNAUTHENTICATED');
    return toActor('user', row);
  }

  private async authenticateApiKey(key: string): Promise<Actor> {
    const match = /^([a-z]+)_([0-9a-f]{12})_([A-Za-z0-9_-]{20,})$/.exec(key);
    if (!match || match[1] !== API_KEY_PREFIX) throw new AppError('UNAUTHENTICATED');
    const [, , prefix, secret] = match as unknown as [string, string, string, string];
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .select([
        'users.id',
        'username',
        'role',
        'organisation_id',
        'scope_unit_id',
        'is_active',
        'key_hash',
        'revoked_at',
        'api_keys.name',
      ])
      .where('prefix', '=', prefix)
      .executeTakeFirst();
    if (!row || row.revoked_at || !row.is_active || row.key_hash !== hashSecret(secret)) {
      throw new AppError('UNAUTHENTICATED');
    }
    return { ...(toActor('api_key', row) as AuthenticatedActor), apiKeyName: row.name };
  }

  private async idByCode(table: 'organisations' | 'people', code: string): Promise<number> {
    const row = await this.db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst();
    if (!row) {
      throw table === 'people'
        ? notFound('cán bộ', 'Person', code)
        : notFound('cơ quan', 'Organisation', code);
    }
    return row.id;
  }

  private async currentUnitId(code: string): Promise<number> {
    const row = await this.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', code)
      .orderBy('valid_from', 'desc')
      .executeTakeFirst();
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        { code },
        { vi: `Không có đơn vị "${code}".`, en: `No unit "${code}".` },
      );
    return row.id;
  }
}

function toActor(
  kind: 'user' | 'api_key',
  row: {
    id: number;
    username: string;
    role: string;
    organisation_id: number | null;
    scope_unit_id: number | null;
  },
): Actor {
  return {
    kind,
    userId: row.id,
    username: row.username,
    role: row.role as Role,
    organisationId: row.organisation_id,
    scopeUnitId: row.scope_unit_id,
  };
}
