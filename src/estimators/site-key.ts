/** Each sample site draws from its own stream: the root key folded with a hash of the site's name. */
import { foldIn, type Key } from '../random/key.js';

/** FNV-1a over the UTF-16 code units of the name: a stable 32-bit id. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function siteKey(root: Key, name: string): Key {
  return foldIn(root, nameHash(name));
}
