// The set of connections the user works with, persisted in a key-value store (VS Code's
// globalState in the extension, a Map in tests). Pure: no `vscode`, no SDK. Services are made by
// an injected factory, once per connection, and disposed when the connection goes away.
import type { ConnectionSpec, SecretsService } from '../aws/types';
import * as l10n from '@vscode/l10n';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

type Listener = () => void;

const STORAGE_KEY = 'secretsManager.connections';

/** "profile@region", plus the endpoint's host:port when overridden. Safe in a URI authority. */
export function connectionId(spec: Omit<ConnectionSpec, 'id'>): string {
  // An IAM Identity Center role: account id and role name ("111122223333.ReadOnly@eu-west-1").
  const who = spec.sso ? `${spec.sso.accountId}.${spec.sso.roleName}` : spec.profile ?? 'env';
  let id = `${who}@${spec.region}`;
  if (spec.endpoint) {
    try {
      id += `@${new URL(spec.endpoint).host}`;
    } catch {
      id += '@custom-endpoint';
    }
  }
  return id.replace(/[^A-Za-z0-9@._:+-]/g, '-');
}

/** An account connection's account and role: "payments-prod (111122223333) / ReadOnlyAccess". */
export function accountLabel(spec: Pick<ConnectionSpec, 'sso'>): string | undefined {
  return spec.sso ? `${spec.sso.accountName} (${spec.sso.accountId}) / ${spec.sso.roleName}` : undefined;
}

export function connectionLabel(spec: ConnectionSpec): string {
  const who = accountLabel(spec) ?? spec.profile ?? l10n.t('environment credentials');
  return spec.endpoint ? `${who} · ${spec.region} · ${spec.endpoint}` : `${who} · ${spec.region}`;
}

export class ConnectionRegistry {
  private readonly services = new Map<string, SecretsService>();
  private readonly listeners = new Set<Listener>();
  private saved: ConnectionSpec[];
  private implicitDefault: ConnectionSpec | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly store: KeyValueStore,
    private readonly makeService: (spec: ConnectionSpec) => SecretsService,
    /** The connection the environment implies (settings, AWS_PROFILE / default profile, env credentials). */
    private readonly resolveDefault: () => Promise<ConnectionSpec | undefined>,
  ) {
    this.saved = store.get<ConnectionSpec[]>(STORAGE_KEY) ?? [];
  }

  /** Resolves the implicit default connection once (reads the shared config files). */
  load(): Promise<void> {
    this.loading ??= this.resolveDefault().then(
      (d) => {
        this.implicitDefault = d;
      },
      () => {
        this.implicitDefault = undefined;
      },
    );
    return this.loading;
  }

  /** Saved connections; with none saved, the one the environment implies (if any). Call load() first. */
  list(): ConnectionSpec[] {
    if (this.saved.length > 0) return [...this.saved];
    return this.implicitDefault ? [this.implicitDefault] : [];
  }

  /** The service of a connection, after load(): what a restored editor tab needs. */
  async serviceFor(id: string): Promise<SecretsService> {
    await this.load();
    return this.service(id);
  }

  get(id: string): ConnectionSpec | undefined {
    return this.list().find((c) => c.id === id);
  }

  service(id: string): SecretsService {
    const spec = this.get(id);
    if (!spec) throw new Error(l10n.t('No connection "{0}". Add it with "Secrets Manager: Add Connection...".', id));
    let svc = this.services.get(id);
    if (!svc) {
      svc = this.makeService(spec);
      this.services.set(id, svc);
    }
    return svc;
  }

  async add(spec: Omit<ConnectionSpec, 'id'>): Promise<ConnectionSpec> {
    const full: ConnectionSpec = { ...spec, id: connectionId(spec) };
    const current = this.list();
    if (!current.some((c) => c.id === full.id)) {
      this.saved = [...current, full];
      await this.store.update(STORAGE_KEY, this.saved);
      this.fire();
    }
    return full;
  }

  async remove(id: string): Promise<void> {
    const current = this.list();
    const next = current.filter((c) => c.id !== id);
    if (next.length === current.length) return;
    this.saved = next;
    this.services.get(id)?.dispose();
    this.services.delete(id);
    await this.store.update(STORAGE_KEY, this.saved);
    this.fire();
  }

  /** Re-read the implicit default (settings changed); drops services of vanished connections. */
  async invalidate(): Promise<void> {
    this.loading = undefined;
    await this.load();
    for (const [id, svc] of this.services) {
      if (!this.get(id)) {
        svc.dispose();
        this.services.delete(id);
      }
    }
    this.fire();
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    for (const svc of this.services.values()) svc.dispose();
    this.services.clear();
    this.listeners.clear();
  }

  private fire(): void {
    for (const l of [...this.listeners]) l();
  }
}
