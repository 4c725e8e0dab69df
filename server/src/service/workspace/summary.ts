import type { FileFacts, ProfileFact } from './facts';

/** A profile of the workspace with the file that holds it. */
export interface ProfileAt {
  file: FileFacts;
  profile: ProfileFact;
}

/**
 * The indexed files, looked up by what the rules across files ask for, built once per change of
 * the index. Checking one file then costs what the files it relates to cost, not what the whole
 * workspace costs: before, every check walked every file (a CLI run over 4,000 profiles took 12
 * times as long as one over 1,000). Most files have none of these facts: a workspace holds few
 * server scripts and few registry writes, and profiles are looked up by their server and suffix.
 */
export interface WorkspaceSummary {
  /** Every file with facts, sorted by URI. */
  readonly files: readonly FileFacts[];
  readonly byUri: ReadonlyMap<string, FileFacts>;
  readonly withServerPolicies: readonly FileFacts[];
  readonly withIpsecCmdlets: readonly FileFacts[];
  readonly withRegistryWrites: readonly FileFacts[];
  readonly withServerMarkers: readonly FileFacts[];
  readonly withRootCertificates: readonly FileFacts[];
  /**
   * Profiles by deployment key (`server:vpn.example.com`, `suffix:corp.example.com`), in the
   * groups the rules ask for (ProfileGroup).
   */
  readonly profilesByKey: Readonly<Record<ProfileGroup, ReadonlyMap<string, readonly ProfileAt[]>>>;
}

/**
 * The profiles a rule across files pairs with: device and user tunnels that register in DNS
 * (register-dns-both-tunnels looks for the other kind), and user tunnels (nrpt-on-device-tunnel).
 */
export type ProfileGroup = 'registering-device' | 'registering-user' | 'user';

type ListKey = 'withServerPolicies' | 'withIpsecCmdlets' | 'withRegistryWrites' | 'withServerMarkers' | 'withRootCertificates';

export function summarise(files: readonly FileFacts[]): WorkspaceSummary {
  const profilesByKey: Record<ProfileGroup, Map<string, ProfileAt[]>> = {
    'registering-device': new Map(),
    'registering-user': new Map(),
    user: new Map(),
  };
  for (const file of files) {
    for (const profile of file.profiles) {
      for (const group of groupsOf(profile)) {
        for (const key of deploymentKeys(profile)) {
          const map = profilesByKey[group];
          const list = map.get(key);
          if (list) list.push({ file, profile });
          else map.set(key, [{ file, profile }]);
        }
      }
    }
  }
  return {
    files,
    byUri: new Map(files.map((f) => [f.uri, f])),
    withServerPolicies: files.filter((f) => f.serverPolicies.length > 0),
    withIpsecCmdlets: files.filter((f) => f.clients.some((c) => c.kind === 'ipsec-cmdlet')),
    withRegistryWrites: files.filter((f) => f.registryWrites.length > 0),
    withServerMarkers: files.filter((f) => f.serverMarkers.length > 0),
    withRootCertificates: files.filter((f) => f.rootCertificates.length > 0),
    profilesByKey,
  };
}

function groupsOf(profile: ProfileFact): ProfileGroup[] {
  const groups: ProfileGroup[] = [];
  if (profile.registerDns && profile.tunnel === 'device') groups.push('registering-device');
  if (profile.registerDns && profile.tunnel === 'user') groups.push('registering-user');
  if (profile.tunnel === 'user') groups.push('user');
  return groups;
}

/** The keys under which a profile meets the other profiles of its deployment (deployment.ts). */
export function deploymentKeys(profile: ProfileFact): string[] {
  return [...profile.servers.map((s) => `server:${s}`), ...profile.dnsSuffixes.map((s) => `suffix:${s}`)];
}

/**
 * The summary as one file sees it: the indexed version of `self` replaced by its current facts
 * (the editor's text). Each list is the summary's without `self`, plus `self` where it belongs,
 * in URI order.
 */
export class SummaryWithSelf {
  constructor(
    readonly summary: WorkspaceSummary,
    readonly self: FileFacts,
  ) {}

  private cache = new Map<string, readonly FileFacts[]>();

  /** A file by URI, `self` being its current facts. */
  file(uri: string): FileFacts | undefined {
    return uri === this.self.uri ? this.self : this.summary.byUri.get(uri);
  }

  private list(key: ListKey, has: (f: FileFacts) => boolean): readonly FileFacts[] {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const others = this.summary[key].filter((f) => f.uri !== this.self.uri);
    const out = has(this.self) ? insertSorted(others, this.self) : others;
    this.cache.set(key, out);
    return out;
  }

  get withServerPolicies(): readonly FileFacts[] {
    return this.list('withServerPolicies', (f) => f.serverPolicies.length > 0);
  }
  get withIpsecCmdlets(): readonly FileFacts[] {
    return this.list('withIpsecCmdlets', (f) => f.clients.some((c) => c.kind === 'ipsec-cmdlet'));
  }
  get withRegistryWrites(): readonly FileFacts[] {
    return this.list('withRegistryWrites', (f) => f.registryWrites.length > 0);
  }
  get withServerMarkers(): readonly FileFacts[] {
    return this.list('withServerMarkers', (f) => f.serverMarkers.length > 0);
  }
  get withRootCertificates(): readonly FileFacts[] {
    return this.list('withRootCertificates', (f) => f.rootCertificates.length > 0);
  }

  /**
   * The profiles of `group` that share a deployment key with `profile` (self's own profiles
   * included), in file order, each once.
   */
  profilesNear(profile: ProfileFact, group: ProfileGroup): ProfileAt[] {
    const seen = new Set<ProfileFact>();
    const out: ProfileAt[] = [];
    for (const key of deploymentKeys(profile)) {
      for (const at of this.summary.profilesByKey[group].get(key) ?? []) {
        if (at.file.uri === this.self.uri || seen.has(at.profile)) continue;
        seen.add(at.profile);
        out.push(at);
      }
    }
    for (const own of this.self.profiles) {
      if (!seen.has(own) && groupsOf(own).includes(group)) {
        seen.add(own);
        out.push({ file: this.self, profile: own });
      }
    }
    return out.sort((a, b) => (a.file.uri < b.file.uri ? -1 : a.file.uri > b.file.uri ? 1 : 0));
  }
}

function insertSorted(files: readonly FileFacts[], file: FileFacts): FileFacts[] {
  const out = [...files];
  let i = out.findIndex((f) => f.uri > file.uri);
  if (i < 0) i = out.length;
  out.splice(i, 0, file);
  return out;
}
