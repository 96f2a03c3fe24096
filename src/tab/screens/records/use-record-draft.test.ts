// The draft hook driven through react-dom in a linkedom document, with the save call faked: a failed
// save is retried (by itself for a lost connection or a server fault, by "Try again" otherwise),
// leaving the screen saves typing that is not saved, "Saved" is only said when nothing newer waits,
// and closing the app with typing not saved asks first.
import { parseHTML } from 'linkedom';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const { window } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
Object.assign(globalThis, { window, document: window.document, HTMLElement: window.HTMLElement, Node: window.Node });
// Node 21+ has its own read-only `navigator` getter: replaced, not assigned.
Object.defineProperty(globalThis, 'navigator', { value: window.navigator, configurable: true, writable: true });
(globalThis as Record<string, unknown>)['IS_REACT_ACT_ENVIRONMENT'] = true;

const saveRecordDraft = vi.fn<(...args: unknown[]) => Promise<RecordView>>();
vi.mock('../../api/operations/records.js', async (original) => ({
  ...(await original<object>()),
  saveRecordDraft: (...args: unknown[]) => saveRecordDraft(...args),
}));

import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ApiError } from '../../api/api-error.js';
import type { RecordView } from '../../api/operations/records.js';
import { ShellContext, type ShellContextValue } from '../../shell/contexts.js';
import { RETRY_DELAYS_MS, SAVE_DELAY_MS, useRecordDraft } from './use-record-draft.js';

const view = (revision: number, answers: Record<string, string> = {}, updatedAt = '2026-01-01T10:00:00Z'): RecordView =>
  ({
    record: {
      recordId: 'r1',
      version: 1,
      kind: 'individual',
      templateId: 't',
      arrangementId: 'a',
      sessionId: 's',
      content: { answers, actions: [] },
      state: 'draft',
      signatories: [],
      signatures: [],
      changeRequests: [],
      revision,
      updatedAt,
    },
  }) as unknown as RecordView;

let hook: ReturnType<typeof useRecordDraft>;
function Harness() {
  hook = useRecordDraft(view(1), () => {});
  return null;
}
const shell = {
  api: {},
  notices: { showError: () => {}, showStatus: () => {} },
  router: {},
  roles: [],
  me: { id: 'u', displayName: 'U' },
} as unknown as ShellContextValue;

let root: Root | undefined;
async function mount() {
  root = createRoot(document.getElementById('root') as unknown as HTMLElement);
  await act(async () => root?.render(createElement(ShellContext.Provider, { value: shell }, createElement(Harness))));
}
async function unmount() {
  await act(async () => root?.unmount());
  root = undefined;
}
const type = (text: string) => act(async () => hook.change((f) => ({ ...f, answers: { ...f.answers, q1: text } })));
const wait = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const lostConnection = () => new ApiError('network', 'The app could not reach its server. Check your connection, then try again.');
/** Whether closing the app now would ask first. */
function leavingAsks(): boolean {
  const event = new window.Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

beforeAll(() => vi.spyOn(console, 'error').mockImplementation(() => {}));
beforeEach(() => vi.useFakeTimers());
afterEach(async () => {
  if (root) await unmount();
  saveRecordDraft.mockReset();
  vi.useRealTimers();
});

describe('useRecordDraft', () => {
  it('retries a save lost to the connection or a server fault, a few times with longer pauses', async () => {
    await mount();
    saveRecordDraft.mockRejectedValue(lostConnection());
    await type('Discussed workload and case AB');
    await wait(SAVE_DELAY_MS);
    expect(saveRecordDraft).toHaveBeenCalledTimes(1);
    expect(hook.save).toMatchObject({ kind: 'failed', retrying: true });
    for (const [i, delay] of RETRY_DELAYS_MS.entries()) {
      await wait(delay - 1);
      expect(saveRecordDraft).toHaveBeenCalledTimes(1 + i);
      await wait(1);
      expect(saveRecordDraft).toHaveBeenCalledTimes(2 + i);
    }
    expect(hook.save).toMatchObject({ kind: 'failed', retrying: false });
    await wait(60_000);
    expect(saveRecordDraft).toHaveBeenCalledTimes(1 + RETRY_DELAYS_MS.length);

    saveRecordDraft.mockResolvedValue(view(2, { q1: 'Discussed workload and case AB' }));
    await act(async () => hook.retry());
    expect(saveRecordDraft).toHaveBeenCalledTimes(2 + RETRY_DELAYS_MS.length);
    expect(hook.save.kind).toBe('saved');
  });

  it('saves on a retry once the connection is back', async () => {
    await mount();
    saveRecordDraft.mockRejectedValueOnce(new ApiError('server', 'The server had a problem. Try again in a moment.', 503));
    saveRecordDraft.mockResolvedValueOnce(view(2, { q1: 'typing' }));
    await type('typing');
    await wait(SAVE_DELAY_MS);
    expect(hook.save.kind).toBe('failed');
    await wait(RETRY_DELAYS_MS[0] ?? 0);
    expect(saveRecordDraft).toHaveBeenCalledTimes(2);
    expect(hook.save.kind).toBe('saved');
  });

  it('does not retry a refused sign-in by itself, but "Try again" saves, and so does leaving the screen', async () => {
    await mount();
    saveRecordDraft.mockRejectedValue(new ApiError('unauthorised', 'Your sign-in has expired and the app could not renew it.', 401));
    await type('Discussed workload and case AB');
    await wait(SAVE_DELAY_MS);
    expect(hook.save).toMatchObject({ kind: 'failed', retrying: false });
    await wait(60_000);
    expect(saveRecordDraft).toHaveBeenCalledTimes(1);

    await act(async () => hook.retry());
    expect(saveRecordDraft).toHaveBeenCalledTimes(2);

    saveRecordDraft.mockResolvedValue(view(2, { q1: 'Discussed workload and case AB' }));
    await unmount();
    await wait(0);
    expect(saveRecordDraft).toHaveBeenCalledTimes(3);
    expect(saveRecordDraft.mock.calls[2]?.[2]).toMatchObject({ content: { answers: { q1: 'Discussed workload and case AB' } } });
  });

  it('leaving the screen with nothing new to save sends nothing', async () => {
    await mount();
    saveRecordDraft.mockResolvedValue(view(2, { q1: 'typing' }));
    await type('typing');
    await wait(SAVE_DELAY_MS);
    await unmount();
    await wait(0);
    expect(saveRecordDraft).toHaveBeenCalledTimes(1);
  });

  it('says saved only when no newer typing is waiting', async () => {
    await mount();
    let finishFirst!: (saved: RecordView) => void;
    saveRecordDraft.mockImplementationOnce(() => new Promise<RecordView>((resolve) => (finishFirst = resolve)));
    await type('first');
    await wait(SAVE_DELAY_MS);
    await type('first and more');
    await act(async () => finishFirst(view(2, { q1: 'first' })));
    expect(hook.save.kind).toBe('waiting');
    saveRecordDraft.mockResolvedValueOnce(view(3, { q1: 'first and more' }, '2026-01-01T10:01:00Z'));
    await wait(SAVE_DELAY_MS);
    expect(saveRecordDraft).toHaveBeenCalledTimes(2);
    expect(hook.save).toEqual({ kind: 'saved', at: '2026-01-01T10:01:00Z' });
  });

  it('asks before the app is closed while typing is not saved', async () => {
    await mount();
    expect(leavingAsks()).toBe(false);
    saveRecordDraft.mockRejectedValueOnce(new ApiError('rejected', 'No.', 400));
    await type('typing');
    expect(leavingAsks()).toBe(true);
    await wait(SAVE_DELAY_MS);
    expect(hook.save.kind).toBe('failed');
    expect(leavingAsks()).toBe(true);
    saveRecordDraft.mockResolvedValueOnce(view(2, { q1: 'typing' }));
    await act(async () => hook.retry());
    expect(hook.save.kind).toBe('saved');
    expect(leavingAsks()).toBe(false);
  });
});
