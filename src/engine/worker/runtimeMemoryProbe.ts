/**
 * Sees, from inside the engine worker, the memory ONNX Runtime holds where no API reports it:
 * its WebAssembly heap (ORT keeps its Emscripten module private; both threaded builds make their
 * heap with `new WebAssembly.Memory({ shared: true })`) and the WebGPU buffers it creates.
 * Install it before the runtime starts, i.e. before the first model load.
 */
export interface RuntimeMemory {
  /** The largest WebAssembly heap made since install, or null when none was made. */
  wasmHeapBytes(): number | null;
  wasmHeapShared(): boolean;
  /** Live WebGPU buffer bytes, or null when no buffer was ever created. */
  gpuBufferBytes(): number | null;
  gpuBufferBytesCreated(): number | null;
}

interface GpuBufferLike {
  destroy(): void;
}

interface GpuPrototypes {
  GPUDevice?: { prototype: { createBuffer(descriptor: { size: number }): GpuBufferLike } };
  GPUBuffer?: { prototype: GpuBufferLike };
}

function watchWasmMemories(): () => WebAssembly.Memory | null {
  const memories: Array<WeakRef<WebAssembly.Memory>> = [];
  const NativeMemory = WebAssembly.Memory;
  // A subclass-free Proxy keeps `instanceof WebAssembly.Memory` and the static shape intact.
  WebAssembly.Memory = new Proxy(NativeMemory, {
    construct(target, args, newTarget) {
      const memory = Reflect.construct(target, args, newTarget) as WebAssembly.Memory;
      memories.push(new WeakRef(memory));
      return memory;
    },
  });
  return () => {
    let largest: WebAssembly.Memory | null = null;
    for (const ref of memories) {
      const memory = ref.deref();
      if (memory !== undefined && (largest === null || memory.buffer.byteLength > largest.buffer.byteLength)) largest = memory;
    }
    return largest;
  };
}

function watchGpuBuffers(scope: GpuPrototypes): { live: () => number | null; created: () => number | null } {
  let live = 0;
  let created = 0;
  let seen = false;
  const { GPUDevice, GPUBuffer } = scope;
  if (GPUDevice === undefined || GPUBuffer === undefined) return { live: () => null, created: () => null };
  const sizes = new WeakMap<GpuBufferLike, number>();
  // Buffers dropped without destroy() are freed by the garbage collector.
  const collected = new FinalizationRegistry<number>((size) => {
    live -= size;
  });
  const createBuffer = GPUDevice.prototype.createBuffer;
  GPUDevice.prototype.createBuffer = function (this: unknown, descriptor) {
    const buffer = createBuffer.call(this, descriptor);
    sizes.set(buffer, descriptor.size);
    collected.register(buffer, descriptor.size, buffer);
    live += descriptor.size;
    created += descriptor.size;
    seen = true;
    return buffer;
  };
  const destroy = GPUBuffer.prototype.destroy;
  GPUBuffer.prototype.destroy = function (this: GpuBufferLike) {
    const size = sizes.get(this);
    if (size !== undefined) {
      sizes.delete(this);
      collected.unregister(this);
      live -= size;
    }
    destroy.call(this);
  };
  return { live: () => (seen ? live : null), created: () => (seen ? created : null) };
}

export function installRuntimeMemoryProbe(scope: typeof globalThis = globalThis): RuntimeMemory {
  const heap = watchWasmMemories();
  const gpu = watchGpuBuffers(scope as unknown as GpuPrototypes);
  return {
    wasmHeapBytes: () => heap()?.buffer.byteLength ?? null,
    wasmHeapShared: () => {
      const memory = heap();
      // Not `instanceof SharedArrayBuffer`: that global is missing where the page is not isolated.
      return memory !== null && !(memory.buffer instanceof ArrayBuffer);
    },
    gpuBufferBytes: gpu.live,
    gpuBufferBytesCreated: gpu.created,
  };
}
