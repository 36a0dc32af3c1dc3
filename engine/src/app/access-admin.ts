/**
 * Who may use the site: accounts (role, agencies, counters, disabled, a set-password link
 * shown once) and device tokens for kiosks and displays (created and shown once, listed
 * without the token, revoked at once, expiring). Edits of the live definition
 * (app/live-config.ts), so every node refuses a revoked token within a second.
 */
import { randomBytes } from 'node:crypto';
import { NO_PASSWORD } from '../domain/site-config.js';
import type { SiteFile } from '../domain/site.js';
import { LoketError, notFound } from '../errors.js';
import type { AccountCreated, AccountInfo, DeviceCreated, DeviceInfo } from '../protocol/index.js';
import { hashPassword, sha256 } from '../store/session-store.js';
import type { Caller } from './caller.js';
import type { Deps } from './context.js';
import type { LiveConfig } from './live-config.js';

type User = SiteFile['users'][number];
type Device = SiteFile['devices'][number];

export interface AccountInput {
  username: string;
  role: User['role'];
  agencyIds?: string[] | undefined;
  counterIds?: string[] | undefined;
  displayName?: string | undefined;
}

export type AccountPatch = Partial<Omit<AccountInput, 'username'>> & { disabled?: boolean | undefined };

const accountInfo = (u: User): AccountInfo => ({
  username: u.username,
  role: u.role,
  agencyIds: u.agencyIds,
  counterIds: u.counterIds,
  ...(u.displayName ? { displayName: u.displayName } : {}),
  disabled: u.disabled,
  hasPassword: u.passwordHash !== NO_PASSWORD,
});

/** Where the admin client takes a set-password token (a fragment: never sent to a server log). */
const passwordUrl = (token: string): string => `/admin#set-password=${token}`;

export class AccessAdmin {
  constructor(
    private readonly d: Deps,
    private readonly live: LiveConfig,
  ) {}

  accounts(caller: Caller): AccountInfo[] {
    return this.d.sites.get(caller.siteId).def.users.map(accountInfo);
  }

  async createAccount(caller: Caller, a: AccountInput): Promise<AccountCreated> {
    const site = await this.live.change(caller, 'account.create', (def) => {
      if (def.users.some((u) => u.username === a.username)) throw new LoketError('CONFLICT', `Account "${a.username}" already exists`);
      def.users.push({ agencyIds: [], counterIds: [], ...a, passwordHash: NO_PASSWORD, demo: false, disabled: false });
    });
    const token = await this.d.sessions.createPasswordLink(site.id, a.username);
    return { account: accountInfo(site.def.users.find((u) => u.username === a.username)!), setPasswordUrl: passwordUrl(token) };
  }

  async patchAccount(caller: Caller, username: string, patch: AccountPatch): Promise<AccountInfo> {
    const action = patch.disabled === true ? 'account.disable' : 'account.update';
    const site = await this.live.change(caller, action, (def) => {
      const u = def.users.find((x) => x.username === username);
      if (!u) throw notFound(`Account "${username}"`);
      Object.assign(u, Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
    });
    return accountInfo(site.def.users.find((u) => u.username === username)!);
  }

  /** A new set-password link for an account (shown once); the old password works until it is used. */
  async passwordLink(caller: Caller, username: string): Promise<AccountCreated> {
    const u = this.d.sites.get(caller.siteId).def.users.find((x) => x.username === username);
    if (!u) throw notFound(`Account "${username}"`);
    const token = await this.d.sessions.createPasswordLink(caller.siteId, username);
    return { account: accountInfo(u), setPasswordUrl: passwordUrl(token) };
  }

  /** Uses a set-password link (anyone holding it). */
  async setPassword(token: string, password: string): Promise<void> {
    const link = await this.d.sessions.takePasswordLink(token);
    if (!link) throw new LoketError('NOT_FOUND', 'This link is unknown, used or expired: ask an administrator for a new one');
    const passwordHash = await hashPassword(password);
    const caller: Caller = { username: link.username, role: 'staff', siteId: link.siteId, agencyIds: [], counterIds: [] };
    await this.live.change(caller, 'account.set-password', (def) => {
      const u = def.users.find((x) => x.username === link.username);
      if (!u) throw notFound(`Account "${link.username}"`);
      u.passwordHash = passwordHash;
    });
  }

  devices(caller: Caller): DeviceInfo[] {
    const now = this.d.clock.now();
    return this.d.sites.get(caller.siteId).def.devices.map((d) => deviceInfo(d, now));
  }

  async createDevice(caller: Caller, input: { role: Device['role']; name: string; expiresAt?: string | undefined }): Promise<DeviceCreated> {
    const token = `dev_${randomBytes(24).toString('base64url')}`;
    const id = `${input.role}-${randomBytes(4).toString('hex')}`;
    const now = this.d.clock.now();
    const site = await this.live.change(caller, 'device.create', (def) => {
      def.devices.push({
        id,
        role: input.role,
        name: input.name,
        tokenSha256: sha256(token),
        demo: false,
        createdAt: new Date(now).toISOString(),
        ...(input.expiresAt ? { expiresAt: new Date(input.expiresAt).toISOString() } : {}),
      });
    });
    return { device: deviceInfo(site.def.devices.find((d) => d.id === id)!, now), token };
  }

  /** Revokes a device token at once: refused on every node, its sockets closed. */
  async revokeDevice(caller: Caller, id: string): Promise<void> {
    await this.live.change(caller, 'device.revoke', (def) => {
      const i = def.devices.findIndex((d) => d.id === id);
      if (i < 0) throw notFound(`Device "${id}"`);
      def.devices.splice(i, 1);
    });
  }
}

function deviceInfo(d: Device, now: number): DeviceInfo {
  return {
    id: d.id,
    role: d.role,
    ...(d.name ? { name: d.name } : {}),
    ...(d.createdAt ? { createdAt: d.createdAt } : {}),
    ...(d.expiresAt ? { expiresAt: d.expiresAt } : {}),
    demo: d.demo,
    expired: d.expiresAt ? Date.parse(d.expiresAt) <= now : false,
  };
}
