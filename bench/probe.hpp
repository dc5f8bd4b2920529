// Clocks and memory readings for the benchmark harnesses; probe_native.cpp and probe_wasm.cpp
// give the two implementations (CMake picks one), so no harness code needs #ifdefs.
#pragma once

#include <cstdint>

namespace apos::bench {

// "native" or "wasm": the JSON lines carry it so that ratios can be matched up.
const char* platform_name();

// CPU time of the whole process in microseconds (under Node: the Node process, so the JIT's
// and garbage collector's threads count too). Steadier than wall time on a shared machine.
double process_cpu_us();

// Wall time in microseconds from an arbitrary origin.
double wall_us();

struct MemoryPeak {
    double megabytes = 0;   // MB (10^6 bytes, as the budgets are read)
    const char* kind = "";  // what was read: "peak_rss" (native) or "wasm_heap_size" (WASM)
};

// Natively, Linux's peak RSS can be reset (clear_refs), so each fleet size gets its own peak;
// a WASM memory never shrinks, so there the reading is the high-water mark of the process.
void reset_memory_peak();
MemoryPeak memory_peak();

// On a failed allocation: print one JSON line with the memory reached, then abort (the harness
// runs without exceptions, like the web app). bench/run.sh reads the line.
void report_out_of_memory();

}  // namespace apos::bench
