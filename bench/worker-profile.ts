/**
 * A CPU profile of the extension's background worker over some work (the sync bench's upload and join):
 * Playwright hands out no CDP session for a service worker, so this attaches over a browser-level
 * session. Prints the worker's sampled busy time and the top functions by self time. Opt-in
 * (`KP_BENCH_PROFILE=1`): sampling slows the worker a little, so the timed figures run without it.
 */
import type { CDPSession } from 'playwright-core';
import type { ExtensionBrowser } from '../tests/e2e/harness';
import { note } from './report';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface CpuNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface WorkerProfiler {
  stop(): Promise<{ busyMs: number; top: Array<[string, number]> }>;
}

/** Attaches to the extension's worker and starts the sampling profiler (every `intervalUs`); null if no worker runs. */
export async function profileWorker(ext: ExtensionBrowser, intervalUs = 1000): Promise<WorkerProfiler | null> {
  const browser = ext.context.browser();
  if (!browser) return null;
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>;
  };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(ext.extensionId));
  if (!worker) {
    await cdp.detach().catch(() => undefined);
    return null;
  }
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as {
    sessionId: string;
  };
  let nextId = 1;
  const send = (method: string, params: object = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const onMessage = (e: { sessionId?: string; message: string }) => {
        if (e.sessionId !== sessionId) return;
        const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
        if (msg.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        if (msg.error) reject(new Error(msg.error.message));
        else resolve(msg.result);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: intervalUs });
  await send('Profiler.start');
  return {
    async stop() {
      try {
        const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
        return summarize(profile);
      } finally {
        await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
        await cdp.detach().catch(() => undefined);
      }
    },
  };
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

function summarize(profile: CpuProfile): { busyMs: number; top: Array<[string, number]> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (!node) return;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') return;
    if (!IDLE.has(name) || name === '(garbage collector)') busy += dt;
    const file = node.callFrame.url.split('/').pop() ?? '';
    const key = `${name} ${file}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([k, us]): [string, number] => [k, Math.round(us / 1000)]);
  return { busyMs: Math.round(busy / 1000), top };
}

export function printProfile(label: string, result: { busyMs: number; top: Array<[string, number]> }): void {
  note(`${label}: worker CPU (sampled, GC included) ${result.busyMs} ms; top self time:`);
  for (const [k, ms] of result.top) console.log(`    ${String(ms).padStart(7)} ms  ${k}`);
}
