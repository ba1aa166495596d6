/**
 * The lane totals as a WebAssembly SIMD kernel: the same sums as the JavaScript loop, two
 * lanes per f64x2 instruction. Each lane still adds fraction × share one indicator at a time in
 * indicator order, with a separate multiply and add (WebAssembly never fuses them), so every
 * total is bit-for-bit the JavaScript one. The module is a few hundred bytes assembled here.
 */

/** Samples per pass (8 f64x2 accumulators). */
export const WASM_LANES = 16;

const I32 = 0x7f;
const V128 = 0x7b;

/** Unsigned LEB128. */
function uleb(x: number): number[] {
  const out: number[] = [];
  do {
    let b = x & 0x7f;
    x >>>= 7;
    if (x) b |= 0x80;
    out.push(b);
  } while (x);
  return out;
}

/** Signed LEB128 (small values). */
function sleb(x: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = x & 0x7f;
    x >>= 7;
    if ((x === 0 && !(b & 0x40)) || (x === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];

// Parameters: n, m, matrix, cls, pts, out (byte addresses); then locals.
const [N, M, MATRIX, CLS, PTS, OUT, I, L, ROW, Q, O, F, A0] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const get = (x: number) => [0x20, ...uleb(x)];
const set = (x: number) => [0x21, ...uleb(x)];
const i32c = (x: number) => [0x41, ...sleb(x)];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const bump = (x: number, by: number) => [...get(x), ...i32c(by), 0x6a, ...set(x)];
const ACC = Array.from({ length: WASM_LANES / 2 }, (_, k) => A0 + k);

/**
 * totals(n, m, matrix, cls, pts, out): for each region i, with q = pts + cls[i] (the byte
 * offset of its class's shares), out[i × LANES + b] = Σ_l matrix[i × m + l] × q[l × LANES + b].
 */
function body(): number[] {
  const leaf = [
    ...get(L), 0x45, 0x0d, 1, // l == 0 → leave the indicator loop
    ...get(ROW), 0x2b, 3, 0, ...simd(0x14), ...set(F), // f = splat(matrix[row])
    ...ACC.flatMap((a, k) => [...get(a), ...get(F), ...get(Q), ...simd(0x00, 4, ...uleb(16 * k)), ...simd(0xf2), ...simd(0xf0), ...set(a)]),
    ...bump(ROW, 8), ...bump(Q, 16 * ACC.length), ...bump(L, -1),
    0x0c, 0, // next indicator
  ];
  const region = [
    ...get(I), ...get(N), 0x4f, 0x0d, 1, // i >= n → done
    ...get(PTS), ...get(CLS), ...get(I), ...i32c(2), 0x74, 0x6a, 0x28, 2, 0, 0x6a, ...set(Q),
    ...ACC.flatMap((a) => [...simd(0x0c, ...new Array<number>(16).fill(0)), ...set(a)]),
    ...get(M), ...set(L),
    0x02, 0x40, 0x03, 0x40, ...leaf, 0x0b, 0x0b,
    ...ACC.flatMap((a, k) => [...get(O), ...get(a), ...simd(0x0b, 4, ...uleb(16 * k))]),
    ...bump(O, 16 * ACC.length), ...bump(I, 1),
    0x0c, 0, // next region
  ];
  const code = [...get(OUT), ...set(O), ...get(MATRIX), ...set(ROW), 0x02, 0x40, 0x03, 0x40, ...region, 0x0b, 0x0b, 0x0b];
  const locals = vec([[...uleb(5), I32], [...uleb(1 + ACC.length), V128]]);
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

/** The module's bytes: one function `totals` over an imported memory `env.mem`. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec(new Array(6).fill([I32])), 0]])),
    ...section(2, vec([[...name("env"), ...name("mem"), 0x02, 0x00, 0]])),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name("totals"), 0x00, 0]])),
    ...section(10, vec([body()])),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is not available. */
function wasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = moduleBytes();
    compiled = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The kernel bound to its memory: the fraction matrix copied in once, `pts` and `lanes` as views to fill and read. */
export interface WasmTotals {
  readonly width: number;
  readonly pts: Float64Array;
  readonly lanes: Float64Array;
  /** Computes `lanes` from `pts`. */
  run(): void;
}

/** Sets up the kernel for n regions, m indicators and `classCount` classes, or null without WebAssembly SIMD. */
export function wasmTotals(n: number, m: number, matrix: Float64Array, classOf: Int32Array, classCount: number): WasmTotals | null {
  const mod = wasmModule();
  if (!mod) return null;
  const up = (x: number) => Math.ceil(x / 16) * 16;
  const cls = 0;
  const mat = up(cls + 4 * n);
  const pts = up(mat + 8 * n * m);
  const out = up(pts + 8 * classCount * m * WASM_LANES);
  const end = out + 8 * n * WASM_LANES;
  if (end > 2 ** 31) return null;
  const mem = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(end / 65536)) });
  const inst = new WebAssembly.Instance(mod, { env: { mem } });
  const totals = inst.exports.totals as (n: number, m: number, matrix: number, cls: number, pts: number, out: number) => void;
  const buf = mem.buffer;
  const offsets = new Int32Array(buf, cls, n);
  for (let i = 0; i < n; i++) offsets[i] = classOf[i]! * m * WASM_LANES * 8;
  new Float64Array(buf, mat, n * m).set(matrix);
  return {
    width: WASM_LANES,
    pts: new Float64Array(buf, pts, classCount * m * WASM_LANES),
    lanes: new Float64Array(buf, out, n * WASM_LANES),
    run: () => totals(n, m, mat, cls, pts, out),
  };
}
