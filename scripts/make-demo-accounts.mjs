// Adds the DEMO accounts (password "demo") and DEMO device tokens to a site file.
// These are clearly marked demo credentials for the sample mall: the engine refuses
// every `demo: true` account and device when NODE_ENV=production.
// Usage: node scripts/make-demo-accounts.mjs sites/mpp-demo.json
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'sites/mpp-demo.json';
const site = JSON.parse(readFileSync(file, 'utf8'));
const hash = (pw) => {
  const salt = randomBytes(16);
  const h = scryptSync(pw, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${h.toString('base64')}`;
};
const demo = hash('demo');
const allAgencies = site.agencies.map((a) => a.id);
site.users = [
  { username: 'admin', passwordHash: demo, role: 'admin', agencyIds: allAgencies, displayName: 'Admin (demo)', demo: true },
  { username: 'supervisor', passwordHash: demo, role: 'supervisor', agencyIds: allAgencies, displayName: 'Supervisor MPP (demo)', demo: true },
  { username: 'kiosk', passwordHash: demo, role: 'kiosk', displayName: 'Kiosk (demo)', demo: true },
  { username: 'display', passwordHash: demo, role: 'display', displayName: 'Layar (demo)', demo: true },
  ...site.counters.map((c) => ({
    username: `staff-${c.id}`,
    passwordHash: demo,
    role: 'staff',
    agencyIds: [c.agencyId],
    counterIds: site.counters.filter((x) => x.agencyId === c.agencyId).map((x) => x.id),
    displayName: `Petugas loket ${c.id} (demo)`,
    demo: true,
  })),
];
const sha = (s) => createHash('sha256').update(s).digest('hex');
site.devices = [
  { id: 'demo-display', role: 'display', tokenSha256: sha('demo-display-token'), demo: true },
  { id: 'demo-kiosk', role: 'kiosk', tokenSha256: sha('demo-kiosk-token'), demo: true },
];
writeFileSync(file, JSON.stringify(site, null, 2) + '\n');
console.log(`wrote ${site.users.length} demo users and ${site.devices.length} demo devices to ${file}`);
