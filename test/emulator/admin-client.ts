// The endpoint's admin surface over HTTP (POST /__admin/<method>, body: JSON array of the
// arguments, answer: {"result": ...}), for tests running in another process than the endpoint
// (e.g. the VS Code extension host). No dependencies beyond node:http.
import * as http from 'node:http';
import type { Counters, SsoAccount, EmulatorAdminApi, Faults, JournalEntry, ReplicaStatus, SecretState, TrailEventState } from './types';

export class AdminClient implements EmulatorAdminApi {
  constructor(private readonly baseUrl: string) {}

  private call<T>(method: keyof EmulatorAdminApi, ...args: unknown[]): Promise<T> {
    const body = JSON.stringify(args);
    return new Promise((resolve, reject) => {
      const req = http.request(
        new URL(`/__admin/${method}`, this.baseUrl),
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`admin ${method} failed (HTTP ${res.statusCode}): ${text}`));
            else resolve(JSON.parse(text).result as T);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  counters() {
    return this.call<Counters>('counters');
  }
  resetCounters() {
    return this.call<void>('resetCounters');
  }
  setFaults(faults: Faults) {
    return this.call<void>('setFaults', faults);
  }
  getFaults() {
    return this.call<Faults>('getFaults');
  }
  clearFaults() {
    return this.call<void>('clearFaults');
  }
  seedSynthetic(count: number, prefix?: string) {
    return this.call<number>('seedSynthetic', count, prefix);
  }
  seedDemo() {
    return this.call<void>('seedDemo');
  }
  reset() {
    return this.call<void>('reset');
  }
  advanceClock(ms: number) {
    return this.call<void>('advanceClock', ms);
  }
  now() {
    return this.call<number>('now');
  }
  async secretState(secretId: string) {
    return (await this.call<SecretState | null>('secretState', secretId)) ?? undefined;
  }
  createManagedSecret(name: string, owningService: string, secretString: string) {
    return this.call<void>('createManagedSecret', name, owningService, secretString);
  }
  enableRotation(secretId: string, days?: number) {
    return this.call<void>('enableRotation', secretId, days);
  }
  journal(sinceSeq?: number) {
    return this.call<JournalEntry[]>('journal', sinceSeq);
  }
  clearJournal() {
    return this.call<void>('clearJournal');
  }
  journalDropped() {
    return this.call<number>('journalDropped');
  }
  setReplication(secretId: string, replication: { primaryRegion?: string; replicas?: ReplicaStatus[] }) {
    return this.call<void>('setReplication', secretId, replication);
  }
  trailEvents() {
    return this.call<TrailEventState[]>('trailEvents');
  }
  clearTrail() {
    return this.call<void>('clearTrail');
  }
  serviceEvent(secretId: string, eventName: string) {
    return this.call<void>('serviceEvent', secretId, eventName);
  }
  ssoSeed(accounts: number, rolesPerAccount?: number, secretsPerAccount?: number) {
    return this.call<void>('ssoSeed', accounts, rolesPerAccount, secretsPerAccount);
  }
  ssoSeedDemo() {
    return this.call<void>('ssoSeedDemo');
  }
  ssoOrganisation() {
    return this.call<SsoAccount[]>('ssoOrganisation');
  }
  ssoIssueToken(startUrl: string, expiresInSeconds?: number) {
    return this.call<{ accessToken: string; expiresAt: string }>('ssoIssueToken', startUrl, expiresInSeconds);
  }
  ssoExpireTokens(roleCredentials?: boolean) {
    return this.call<void>('ssoExpireTokens', roleCredentials);
  }
  ssoApproveDevice(userCode: string) {
    return this.call<boolean>('ssoApproveDevice', userCode);
  }
  ssoAutoApprove(on: boolean) {
    return this.call<void>('ssoAutoApprove', on);
  }
  ssoIssuedSecrets() {
    return this.call<string[]>('ssoIssuedSecrets');
  }
  async ssoSecretState(accountId: string, secretId: string) {
    return (await this.call<SecretState | null>('ssoSecretState', accountId, secretId)) ?? undefined;
  }
}
