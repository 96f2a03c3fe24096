import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableCollection } from '../../../tools/m365-emulator/src/store/durable-collection.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'durable-'));
  dirs.push(d);
  return d;
};

describe('the emulator state collections', () => {
  it('write changes to <dataDir>/state/<name>.json, and read them back at the next start', async () => {
    const dir = await tempDir();
    const c = await DurableCollection.open<number>(dir, 'things', () => [['a', 1]]);
    c.set('b', 2);
    await c.flush();
    const again = await DurableCollection.open<number>(dir, 'things', () => []);
    expect([again.get('a'), again.get('b')]).toEqual([1, 2]);
  });

  it('with persist false keep every change in memory and write nothing (benches with very large lists)', async () => {
    const dir = await tempDir();
    const c = await DurableCollection.open<number>(dir, 'things', () => [['a', 1]], false);
    c.set('b', 2);
    c.touch();
    await c.flush();
    expect([c.get('a'), c.get('b')]).toEqual([1, 2]);
    await expect(readdir(join(dir, 'state'))).rejects.toThrow();
  });
});
